import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { FixNotApplicableError } from '../types';
import { setCiVariableStep } from './setCiVariable';

const set = (name: string, ws: MemoryWorkspace) =>
  applyStep(setCiVariableStep, { name }, ws);

describe('set-ci-variable', () => {
  it.each(['DATABASE_URL', '_X', 'a1'])('accepts the name %j', name => {
    expect(setCiVariableStep.parameters.safeParse({ name }).success).toBe(true);
  });

  it.each(['', '1ABC', 'A-B', 'A B', 'A.*', 'X=1'])(
    'rejects the name %j',
    name => {
      expect(setCiVariableStep.parameters.safeParse({ name }).success).toBe(
        false,
      );
    },
  );

  it('sets the variable to the value .env.example documents', async () => {
    const ws = new MemoryWorkspace({
      '.env.example':
        '# Database\nDATABASE_URL=postgres://localhost:5432/app\nREDIS_URL=redis://localhost\n',
    });
    const result = await set('DATABASE_URL', ws);
    expect(ws.variables).toEqual([
      ['DATABASE_URL', 'postgres://localhost:5432/app'],
    ]);
    expect(result).toEqual({
      changedFiles: [],
      summary: 'Set CI/CD variable DATABASE_URL from .env.example',
    });
    expect(ws.writes).toEqual([]);
  });

  it.each([
    ['export LOG_LEVEL=info', 'info'],
    ['  LOG_LEVEL = info  ', 'info'],
    ['LOG_LEVEL="debug mode"', 'debug mode'],
    ["LOG_LEVEL='warn'", 'warn'],
    ['LOG_LEVEL=info # or debug', 'info'],
    ['LOG_LEVEL="info" # quoted, with a comment', 'info'],
    ['LOG_LEVEL=a#b', 'a#b'],
    ['LOG_LEVEL=info\r', 'info'],
  ])('reads %j as %j', async (line, expected) => {
    const ws = new MemoryWorkspace({ '.env.example': `${line}\n` });
    await set('LOG_LEVEL', ws);
    expect(ws.variables).toEqual([['LOG_LEVEL', expected]]);
  });

  it('does not take a longer name or a commented line for the variable', async () => {
    const ws = new MemoryWorkspace({
      '.env.example': '# API=commented\nAPI_KEY=x\nMY_API=y\n',
    });
    await expect(set('API', ws)).rejects.toThrow(FixNotApplicableError);
    expect(ws.variables).toEqual([]);
  });

  it('looks in the other example files, skipping empty values', async () => {
    const ws = new MemoryWorkspace({
      '.env.example': 'TOKEN_URL=\n',
      '.env.template': 'TOKEN_URL=https://auth.example.com/token\n',
    });
    const result = await set('TOKEN_URL', ws);
    expect(ws.variables).toEqual([
      ['TOKEN_URL', 'https://auth.example.com/token'],
    ]);
    expect(result.summary).toBe(
      'Set CI/CD variable TOKEN_URL from .env.template',
    );
  });

  it('does not guess a variable nobody documented', async () => {
    const ws = new MemoryWorkspace({ '.env.example': 'OTHER=1\n' });
    await expect(set('DATABASE_URL', ws)).rejects.toThrow(
      "DATABASE_URL is not documented in .env.example, .env.sample, .env.template, env.example; set it in the project's CI/CD settings",
    );
    await expect(set('DATABASE_URL', new MemoryWorkspace())).rejects.toThrow(
      FixNotApplicableError,
    );
  });
});
