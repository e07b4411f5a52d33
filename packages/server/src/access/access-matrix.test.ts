import { it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';

it('dump', async () => {
  const ta = await createTestApp();
  console.log(ta.app.printRoutes({ commonPrefix: false }));
  console.log(ta.app.printRoutes({ commonPrefix: false, method: 'GET' }));
  await ta.close();
});
