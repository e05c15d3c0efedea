import { describe, expect, it } from '@jest/globals';
import { planMergeOrder } from '../../src/omnibus/plan.js';
import type { Priority, Worker } from '../../src/config/types.js';
import { ConfigurationError } from '../../src/errors.js';

function w(id: string, priority: Priority, dependsOn: string[] = []): Worker {
  return { id, branch: `feat/${id}`, role: `role of ${id}`, priority, dependsOn, task: null };
}

const ids = (workers: Worker[]): string[] => planMergeOrder(workers).steps.map((s) => s.worker.id);

describe('planMergeOrder', () => {
  const table: [string, Worker[], string[]][] = [
    ['empty config', [], []],
    [
      'priority first, critical to low',
      [w('a', 'low'), w('b', 'medium'), w('c', 'critical'), w('d', 'high')],
      ['c', 'd', 'b', 'a'],
    ],
    ['ties keep config order', [w('a', 'high'), w('b', 'high'), w('c', 'high')], ['a', 'b', 'c']],
    [
      'a dependency goes first even at lower priority',
      [w('a', 'critical', ['b']), w('b', 'low')],
      ['b', 'a'],
    ],
    [
      'a worker becomes ready only when all its dependencies are placed',
      [w('e1', 'critical'), w('e2', 'high', ['e1']), w('qa', 'critical', ['e1', 'e2']), w('docs', 'medium')],
      ['e1', 'e2', 'qa', 'docs'],
    ],
    [
      'a newly ready worker of higher priority overtakes those already waiting',
      [w('m1', 'medium'), w('m2', 'medium'), w('base', 'critical'), w('top', 'critical', ['base'])],
      ['base', 'top', 'm1', 'm2'],
    ],
    [
      'the SARK six',
      [
        w('engineer1', 'critical'),
        w('engineer2', 'high', ['engineer1']),
        w('engineer3', 'high', ['engineer1']),
        w('engineer4', 'medium', ['engineer1']),
        w('qa', 'high', ['engineer1', 'engineer2']),
        w('docs', 'low'),
      ],
      ['engineer1', 'engineer2', 'engineer3', 'qa', 'engineer4', 'docs'],
    ],
    ['unknown dependencies are ignored', [w('a', 'low', ['ghost']), w('b', 'high')], ['b', 'a']],
    [
      'diamond',
      [w('d', 'critical', ['b', 'c']), w('c', 'low', ['a']), w('b', 'high', ['a']), w('a', 'low')],
      ['a', 'b', 'c', 'd'],
    ],
  ];
  it.each(table)('%s', (_name, workers, expected) => {
    expect(ids(workers)).toEqual(expected);
  });

  it('numbers positions from 1 and gives a reason for each', () => {
    const plan = planMergeOrder([
      w('e1', 'critical'),
      w('e2', 'high', ['e1']),
      w('e3', 'high', ['e1']),
      w('x', 'low'),
    ]);
    expect(plan.steps.map((s) => [s.position, s.worker.id, s.reason])).toEqual([
      [1, 'e1', 'no dependencies; critical priority, the highest among the ready (x)'],
      [2, 'e2', 'after e1 (#1), which it depends on; high priority, ahead of e3 by config order'],
      [3, 'e3', 'after e1 (#1), which it depends on; high priority, the highest among the ready (x)'],
      [4, 'x', 'no dependencies; low priority, the only worker ready'],
    ]);
  });

  it('names the members of a cycle', () => {
    expect(() => planMergeOrder([w('ok', 'high'), w('a', 'high', ['b']), w('b', 'low', ['a'])])).toThrow(
      new ConfigurationError('depends-on has a cycle among workers: a, b'),
    );
  });

  it('is pure: the input is left as it was', () => {
    const workers = [w('b', 'low'), w('a', 'critical')];
    const copy = structuredClone(workers);
    planMergeOrder(workers);
    expect(workers).toEqual(copy);
  });
});
