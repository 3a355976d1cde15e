/** One signal that aborts when any of the given ones does; absent ones are skipped (none → undefined). */
export function anySignal(...signals: [...(AbortSignal | undefined)[], AbortSignal]): AbortSignal;
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined;
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
