import { createProgram } from './program';

describe('agentic --help', () => {
  it('lists its commands', () => {
    const help = createProgram().helpInformation();
    expect(help).toMatch(/Usage: agentic/);
    expect(help).toMatch(/doctor\s+Check that this machine/);
    expect(help).toMatch(/config\s+Inspect the portal configuration/);
    expect(help).toMatch(
      /workflows \[options\]\s+Planner workflows of a running portal/,
    );
    expect(help).toMatch(/remediate\s+The Remediation agent/);
    expect(help).toMatch(/policy\s+The Policy agent/);
  });
});
