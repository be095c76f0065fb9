import type { PrincipalCommandOf } from '../principal';
import { PrincipalEvent, principalRef, PrincipalState } from '../principal';

/** Disabling is final; disabling again asks for what already holds, so it changes nothing. */
export function decideDisablePrincipal(
  _command: PrincipalCommandOf<'DisablePrincipal'>,
  state: PrincipalState,
): PrincipalEvent[] {
  if (state.disabled) return [];
  return [{ type: 'PrincipalDisabled', data: principalRef(state) }];
}
