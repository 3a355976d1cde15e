// --state FILE: every write is saved (debounced, atomic rename in saveStateFile), and a mock started on the file
// again picks the company data up where it was.
import type { SeedName } from "./seed";
import { saveStateFile, type MockState } from "./store";

export function createStatePersistence(stateFile: string | undefined, seedName: SeedName, getState: () => MockState) {
  let timer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stateFile) saveStateFile(stateFile, getState(), seedName);
  };
  return {
    saveNow,
    scheduleSave(): void {
      if (!stateFile || timer) return;
      timer = setTimeout(saveNow, 100);
    },
    /** Writes a pending save now (on close). */
    flush(): void {
      if (timer) saveNow();
    },
  };
}
