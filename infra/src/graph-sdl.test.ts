import fs from 'node:fs';
import { SUPERGRAPH_SDL_FILE, supergraphSdl } from './graph-sdl';

describe('docs/supergraph.graphql', () => {
  it('is the current composition of the subgraphs (regenerate with `pnpm graph:sdl`)', () => {
    const published = fs.existsSync(SUPERGRAPH_SDL_FILE) ? fs.readFileSync(SUPERGRAPH_SDL_FILE, 'utf8') : '(missing)';
    // toBe on the whole text: jest's diff shows which types changed.
    expect(published).toBe(supergraphSdl());
  });

  it('carries the entities the subgraphs share, once each', () => {
    const sdl = supergraphSdl();
    expect(sdl.match(/^type Charge \{/gm)).toHaveLength(1);
    expect(sdl).toMatch(/^type Customer \{[^}]*\binvoices\(/m);
    expect(sdl).not.toContain('@join__');
  });
});
