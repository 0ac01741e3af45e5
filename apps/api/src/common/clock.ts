import type { Provider } from '@nestjs/common';
import { RUNTIME, systemClock, type Runtime } from './runtime';

/** The injectable clock (runtime.now, else the system clock). Use it instead of `new Date()` in auth code. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

export const clockProvider: Provider = {
  provide: CLOCK,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime): Clock => runtime.now ?? systemClock,
};
