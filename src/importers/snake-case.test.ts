import { describe, expect, it } from 'vitest';
import { snakeCase } from './snake-case.js';

describe('snakeCase', () => {
  it.each([
    ['Lead Source', 'lead_source'],
    ['Total Time Spent on Website', 'total_time_spent_on_website'],
    ['first_contact_date', 'first_contact_date'],
    ['leadSource', 'lead_source'],
    ['Asymmetrique Activity Index', 'asymmetrique_activity_index'],
    ['  Do Not Email ', 'do_not_email'],
    ['emp.var.rate', 'emp_var_rate'],
    ['مصدر العميل', 'مصدر_العميل'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});
