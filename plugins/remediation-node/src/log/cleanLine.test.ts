import { cleanLine } from './cleanLine';

describe('cleanLine', () => {
  it('returns a line without escapes, carriage returns or markers unchanged', () => {
    const line = 'npm ERR! code ERESOLVE';
    expect(cleanLine(line)).toBe(line);
    expect(cleanLine('')).toBe('');
  });

  it.each([
    ['reset', '\x1b[0mdone', 'done'],
    ['GitLab reset with an empty parameter', 'ok\x1b[0;m', 'ok'],
    ['bold colour', '\x1b[32;1mPASSED\x1b[0;m tests/a.py', 'PASSED tests/a.py'],
    ['256 colours', '\x1b[38;5;196mred\x1b[39m', 'red'],
    ['true colour', '\x1b[38;2;255;0;0mred\x1b[0m', 'red'],
    ['erase in line', '\x1b[0Kline', 'line'],
    ['cursor movement', 'a\x1b[2Ab\x1b[10Dc', 'abc'],
    ['private mode (hide cursor)', '\x1b[?25lspinner\x1b[?25h', 'spinner'],
    ['charset selection', '\x1b(Btext\x1b)0', 'text'],
    ['OSC title ended by BEL', '\x1b]0;my title\x07visible', 'visible'],
    [
      'OSC hyperlink ended by ST',
      'see \x1b]8;;https://example.com\x1b\\the docs\x1b]8;;\x1b\\ now',
      'see the docs now',
    ],
  ])('removes ANSI codes: %s', (_, raw, clean) => {
    expect(cleanLine(raw)).toBe(clean);
  });

  it('removes a GitLab section start marker and its erase code', () => {
    expect(
      cleanLine(
        'section_start:1732540000:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m',
      ),
    ).toBe('Executing "step_script" stage of the job script');
  });

  it('removes a collapsed section start marker', () => {
    expect(
      cleanLine(
        'section_start:1732540000:prepare_executor[collapsed=true]\r\x1b[0K\x1b[0K\x1b[36;1mPreparing the "docker" executor\x1b[0;m',
      ),
    ).toBe('Preparing the "docker" executor');
  });

  it('leaves nothing of a lone section end marker', () => {
    expect(cleanLine('section_end:1732540001:step_script\r\x1b[0K')).toBe('');
  });

  it('removes a section end marker followed by the next section', () => {
    expect(
      cleanLine(
        'section_end:1732540001:get_sources\r\x1b[0Ksection_start:1732540001:step_script\r\x1b[0KRunning tests',
      ),
    ).toBe('Running tests');
  });

  it('keeps text that merely mentions section_', () => {
    expect(cleanLine('configure section_name=foo')).toBe(
      'configure section_name=foo',
    );
    expect(cleanLine('section_start without a timestamp')).toBe(
      'section_start without a timestamp',
    );
  });

  it('keeps what a progress bar finally shows', () => {
    expect(cleanLine(' 10%\r 50%\r100% done')).toBe('100% done');
    expect(cleanLine('\rprogress')).toBe('progress');
  });

  it('drops the carriage return of a CRLF line', () => {
    expect(cleanLine('Build succeeded\r')).toBe('Build succeeded');
    expect(cleanLine('\x1b[31mError: failed\x1b[0m\r')).toBe('Error: failed');
  });

  it('keeps the last rewrite when a progress line ends with a carriage return', () => {
    expect(cleanLine(' 50%\r100%\r')).toBe('100%');
  });

  it('keeps the text before several trailing carriage returns', () => {
    expect(cleanLine('Downloading done\r\r')).toBe('Downloading done');
    expect(cleanLine(' 50%\r100%\r\r')).toBe('100%');
  });

  it('returns an empty string for a line of carriage returns', () => {
    expect(cleanLine('\r')).toBe('');
    expect(cleanLine('\r\r')).toBe('');
  });

  it('cleans colour codes around a carriage return rewrite', () => {
    expect(
      cleanLine('\x1b[33mDownloading 10%\x1b[0m\r\x1b[32mDownloaded\x1b[0m'),
    ).toBe('Downloaded');
  });

  it('keeps non-ASCII text', () => {
    expect(cleanLine('\x1b[32m✓\x1b[0m renders café')).toBe('✓ renders café');
  });
});
