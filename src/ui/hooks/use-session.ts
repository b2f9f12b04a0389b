/** Which sign-in screen covers the till (null: someone is signed in). */
import type { SessionScreen } from '../keys/table.js';
import type { SessionStatus } from '../../../machines/session.machine.js';

export const sessionScreenOf = (status: SessionStatus): SessionScreen | null =>
  status === 'signedIn' ? null : status === 'signedOut' ? 'signIn' : status;
