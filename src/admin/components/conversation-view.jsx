// Placeholder until its issue-5 part lands; registered so the bundle and the wiring exist.
const ConversationView = () => null;

export default ConversationView;
