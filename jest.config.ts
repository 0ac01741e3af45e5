import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

/** Unit and integration tests of every project; the api-e2e journeys run separately against a started api. */
export default async (): Promise<Config> => ({
  // Global (not per project): the api's HTTP tests hash passwords with argon2id, slow by design on 2 cores.
  testTimeout: 30000,
  projects: (await getJestProjectsAsync()).filter((p) => !String(p).includes('api-e2e')),
});
