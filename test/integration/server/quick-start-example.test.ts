/**
 * The quick start's example extract is dated today (issue 12, item 8): its justering is not "försenad" from
 * the first minute, and its deadline is the usual fourteen days on.
 */
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { prepareQuickStart } from '../../../src/server/quick-start';
import { addDays, stockholmDate } from '../../../src/domain/calendar-date';

describe('the quick start example', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines, env: { LOAD_EXAMPLE: '1' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('is created and sent with today as its meeting date, not overdue', async () => {
    const quickStart = await prepareQuickStart(service.built.deps);
    const today = stockholmDate(new Date());
    const view = await api(service, 'GET', `/api/v1/extracts/${quickStart.example!.id}`);
    expect(view.json).toMatchObject({ state: 'out_for_justering', meetingDate: today, deadline: addDays(today, 14), overdue: false });
  });
});
