import { KEY_CACHE_TTL_MS } from '../../rest-edge/src/http/auth';
import { buildProgram, EDGE_KEY_CACHE_TTL_MS } from './main';

describe('the paygate program', () => {
  it("states the edge's key cache TTL as the edge has it", () => {
    expect(EDGE_KEY_CACHE_TTL_MS).toBe(KEY_CACHE_TTL_MS);
  });

  it('has --help on every command', () => {
    const program = buildProgram();
    const names = (cmd: typeof program, prefix = ''): string[] =>
      cmd.commands.flatMap((c) => [`${prefix}${c.name()}`, ...names(c, `${prefix}${c.name()} `)]);
    expect(names(program)).toEqual(expect.arrayContaining(['listen', 'trigger', 'accounts', 'accounts create', 'accounts list', 'keys', 'keys roll']));
    for (const cmd of program.commands) expect(cmd.helpInformation()).toMatch(/--help/);
  });
});
