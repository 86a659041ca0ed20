import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { lightTheme } from '@backstage/theme';
import { TaskGraph, taskNodeColor } from './TaskGraph';
import { makeFailedDetails } from '../../__testUtils__/fixtures';

describe('TaskGraph', () => {
  it('draws one node per task, coloured by status, and an edge per dependency', async () => {
    const { tasks } = makeFailedDetails();
    await renderInTestApp(<TaskGraph tasks={tasks} />);

    const graph = screen.getByTestId('agentic-task-graph');
    const test = await within(graph).findByTestId('task-node-test');
    expect(test).toHaveAttribute('data-status', 'failed');
    expect(within(test).getByText('Run tests')).toBeInTheDocument();
    expect(test.querySelector('rect')).toHaveAttribute(
      'fill',
      lightTheme.palette.status.error,
    );
    expect(within(graph).getByTestId('task-node-build')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(
      within(graph).getByTestId('task-node-build').querySelector('rect'),
    ).toHaveAttribute('fill', lightTheme.palette.status.ok);
    expect(within(graph).getByTestId('task-node-deploy')).toHaveAttribute(
      'data-status',
      'cancelled',
    );
    // build -> test -> deploy
    expect(await within(graph).findAllByTestId('edge')).toHaveLength(2);
  });

  it('ignores dependencies on unknown tasks', async () => {
    const { tasks } = makeFailedDetails();
    await renderInTestApp(
      <TaskGraph tasks={[{ ...tasks[0], dependsOn: ['missing'] }, tasks[1]]} />,
    );
    const graph = screen.getByTestId('agentic-task-graph');
    await within(graph).findByTestId('task-node-test');
    expect(within(graph).getAllByTestId('node')).toHaveLength(2);
    expect(within(graph).getAllByTestId('edge')).toHaveLength(1);
  });

  it('uses distinct colours for the statuses', () => {
    const colours = new Set(
      (
        [
          'blocked',
          'ready',
          'running',
          'succeeded',
          'failed',
          'cancelled',
        ] as const
      ).map(status => taskNodeColor(lightTheme, status)),
    );
    expect(colours.size).toBe(6);
  });
});
