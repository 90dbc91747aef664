import { describe, expect, it } from 'vitest';
import { asClause } from './sentence';

describe('asClause', () => {
  it('lowers a sentence start and drops the full stop', () => {
    expect(asClause('There is no model named demand in the registry.')).toBe(
      'there is no model named demand in the registry',
    );
  });

  it('keeps acronyms, names and text without a full stop as they are', () => {
    expect(asClause('HiGHS status -1')).toBe('HiGHS status -1');
    expect(asClause('ONNX model failed to load.')).toBe('ONNX model failed to load');
    expect(asClause('worker exited (code 1)')).toBe('worker exited (code 1)');
  });
});
