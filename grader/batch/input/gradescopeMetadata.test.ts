/** submission_metadata.yml as Gradescope's "Export Submissions" writes it: Ruby-symbol keys, groups, numeric ids, Ruby tags. */
import { parseMetadata } from './gradescopeMetadata';

const EXPORT = `submission_1001:
  :submitters:
  - :name: Ada Lovelace
    :sid: '12345'
    :email: ada@example.edu
  :created_at: 2025-03-01 12:00:00.000000000 -08:00
  :score: 10.0
  :status: processed
submission_1002:
  :submitters:
  - :name: Alan Turing
    :sid: 67890
    :email: alan@example.edu
  - :name: Grace Hopper
    :email: grace@example.edu
  :results: !ruby/hash:ActiveSupport::HashWithIndifferentAccess
    score: 3
submission_1003:
  :submitters: []
`;

describe('parseMetadata', () => {
  it('maps each folder to its submission id and submitters, groups included', () => {
    const parsed = parseMetadata(EXPORT);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.records.keys()]).toEqual(['submission_1001', 'submission_1002', 'submission_1003']);
    expect(parsed.records.get('submission_1001')).toEqual({
      submissionId: '1001',
      students: [{ name: 'Ada Lovelace', email: 'ada@example.edu', sid: '12345' }],
    });
    expect(parsed.records.get('submission_1002')!.students).toEqual([
      { name: 'Alan Turing', email: 'alan@example.edu', sid: '67890' },
      { name: 'Grace Hopper', email: 'grace@example.edu' },
    ]);
    expect(parsed.records.get('submission_1003')).toEqual({ submissionId: '1003', students: [] });
  });

  it('says why a file is not metadata', () => {
    expect(parseMetadata('a: [unclosed')).toEqual({
      ok: false,
      error: expect.stringMatching(/^submission_metadata\.yml is not valid YAML/),
    });
    expect(parseMetadata('- just\n- a list\n')).toEqual({ ok: false, error: expect.stringMatching(/does not map submission folders/) });
  });
});
