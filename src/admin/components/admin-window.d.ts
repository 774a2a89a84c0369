import type { ReduxState } from 'adminjs';

// AdminJS renders every page with its initial state in window.REDUX_STATE (paths, session…).
declare global {
  interface Window {
    REDUX_STATE?: ReduxState;
  }
}
