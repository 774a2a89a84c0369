// The reply action's page is the conversation view itself: the timeline with its reply box.
export { default } from './conversation-view.tsx';
