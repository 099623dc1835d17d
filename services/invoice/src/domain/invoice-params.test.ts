import { assertEditable, dueTerms } from './invoice-params';

const CREATED = 1_800_000_000;

describe('invoice due terms', () => {
  it('charge_automatically has no due date', () => {
    expect(dueTerms({ collectionMethod: 'charge_automatically', daysUntilDue: null, dueDate: null }, CREATED, CREATED)).toEqual({
      collectionMethod: 'charge_automatically', daysUntilDue: null, dueDate: null,
    });
  });

  it('send_invoice is due days_until_due after creation, or on due_date', () => {
    expect(dueTerms({ collectionMethod: 'send_invoice', daysUntilDue: 30, dueDate: null }, CREATED, CREATED + 10).dueDate).toBe(CREATED + 30 * 86_400);
    expect(dueTerms({ collectionMethod: 'send_invoice', daysUntilDue: null, dueDate: CREATED + 99 }, CREATED, CREATED)).toEqual({
      collectionMethod: 'send_invoice', daysUntilDue: null, dueDate: CREATED + 99,
    });
  });

  it.each([
    [{ collectionMethod: 'send_invoice', daysUntilDue: null, dueDate: null }, 'parameter_missing', 'days_until_due'],
    [{ collectionMethod: 'send_invoice', daysUntilDue: 3, dueDate: CREATED + 9 }, 'parameters_exclusive', 'due_date'],
    [{ collectionMethod: 'send_invoice', daysUntilDue: -1, dueDate: null }, 'parameter_invalid_integer', 'days_until_due'],
    [{ collectionMethod: 'send_invoice', daysUntilDue: null, dueDate: CREATED - 1 }, 'invalid_request', 'due_date'],
    [{ collectionMethod: 'charge_automatically', daysUntilDue: 3, dueDate: null }, 'invalid_request', 'days_until_due'],
    [{ collectionMethod: 'charge_automatically', daysUntilDue: null, dueDate: CREATED + 9 }, 'invalid_request', 'due_date'],
  ] as const)('refuses %j (%s on %s)', (terms, code, param) => {
    expect(() => dueTerms(terms, CREATED, CREATED)).toThrow(expect.objectContaining({ code, details: { param } }));
  });
});

describe('which fields an update may change', () => {
  it('a draft takes everything', () => {
    expect(() => assertEditable('draft', ['collectionMethod', 'metadata', 'autoAdvance'])).not.toThrow();
  });

  it('a finalized invoice keeps its collection method; a paid one takes metadata only', () => {
    expect(() => assertEditable('open', ['description', 'metadata', 'autoAdvance'])).not.toThrow();
    expect(() => assertEditable('open', ['collectionMethod'])).toThrow(expect.objectContaining({ details: { param: 'collection_method' } }));
    expect(() => assertEditable('paid', ['metadata'])).not.toThrow();
    expect(() => assertEditable('void', ['description'])).toThrow(expect.objectContaining({ code: 'invalid_request', details: { param: 'description' } }));
  });
});
