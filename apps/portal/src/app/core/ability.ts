import { Provider } from '@angular/core';
import { PureAbility } from '@casl/ability';
import { createEmptyAbility } from './session.service';

/** One CASL ability instance for the app (rules replaced on sign-in/out), used through @casl/angular. */
export function provideAppAbility(): Provider {
  return { provide: PureAbility, useFactory: createEmptyAbility };
}
