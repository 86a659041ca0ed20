import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { TaskTable } from './TaskTable';
import {
  makeFailedDetails,
  makeRunningDetails,
} from '../../__testUtils__/fixtures';

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr')!;
}

describe('TaskTable', () => {
  it('shows each task with status, attempts, errors and durations', async () => {
    const { tasks, attempts } = makeFailedDetails();
    await renderInTestApp(
      <TaskTable
        tasks={tasks}
        attempts={attempts}
        canRetry={false}
        onRetry={jest.fn()}
      />,
    );

    const test = rowOf('Run tests');
    expect(within(test).getByText('failed')).toBeInTheDocument();
    expect(within(test).getByText('2/2')).toBeInTheDocument();
    const attemptList = within(test).getByTestId('task-attempts');
    const items = within(attemptList).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('#1 · backend-a · lease expired · 30 s');
    expect(items[0]).toHaveTextContent('lease expired after 30 s');
    expect(items[1]).toHaveTextContent('#2 · backend-b · failed · 45 s');
    // last error column, and the second attempt's error
    expect(
      within(test).getAllByText('exit code 1: 3 tests failed'),
    ).toHaveLength(2);
    // started 10:00:30, finished 10:02:00
    expect(within(test).getByText('1 m 30 s')).toBeInTheDocument();

    const build = rowOf('Build image');
    expect(within(build).getByText('succeeded')).toBeInTheDocument();
    expect(within(build).getByText('30 s')).toBeInTheDocument();
  });

  it('shows when a waiting task is retried next', async () => {
    const { tasks, attempts } = makeRunningDetails();
    await renderInTestApp(
      <TaskTable
        tasks={tasks}
        attempts={attempts}
        canRetry={false}
        onRetry={jest.fn()}
      />,
    );
    const test = rowOf('Run tests');
    expect(within(test).getByText(/\(in \d+ d/)).toBeInTheDocument();
    expect(within(test).getByText('connection reset')).toBeInTheDocument();
  });

  it('offers Retry on failed tasks only, when allowed', async () => {
    const { tasks, attempts } = makeFailedDetails();
    const onRetry = jest.fn();
    await renderInTestApp(
      <TaskTable
        tasks={tasks}
        attempts={attempts}
        canRetry
        onRetry={onRetry}
      />,
    );
    expect(screen.getAllByRole('button', { name: /^Retry / })).toHaveLength(1);
    await userEvent.click(
      screen.getByRole('button', { name: 'Retry Run tests' }),
    );
    expect(onRetry).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'task-test' }),
    );
  });

  it('offers no Retry when not allowed', async () => {
    const { tasks, attempts } = makeFailedDetails();
    await renderInTestApp(
      <TaskTable
        tasks={tasks}
        attempts={attempts}
        canRetry={false}
        onRetry={jest.fn()}
      />,
    );
    expect(screen.getByText('Run tests')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Retry/ }),
    ).not.toBeInTheDocument();
  });
});
