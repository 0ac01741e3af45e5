import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

/** Unit and integration tests of every project; the api-e2e journeys run separately against a started api. */
export default async (): Promise<Config> => ({
  projects: (await getJestProjectsAsync()).filter((p) => !String(p).includes('api-e2e')),
});
