// Where each role lands after signing in, and the navigation it sees in the header.
import type { Role } from '../domain/access/access.ts';
import type { Terminology } from './terminology.ts';

export const HOME: Record<Role, string> = {
  'epao-admin': '/admin',
  provider: '/provider',
  employer: '/employer',
  apprentice: '/apprentice',
  assessor: '/assessor',
  iqa: '/iqa',
};

export type NavItem = { href: string; text: string };

export function navigationFor(role: Role, terms: Terminology): NavItem[] {
  switch (role) {
    case 'epao-admin':
      return [
        { href: '/admin', text: 'Pipeline' },
        { href: '/apprentices', text: 'Apprentices' },
        { href: '/admin/register', text: 'Register' },
        { href: '/admin/registration-clashes', text: 'Held registrations' },
        { href: '/admin/gateway', text: `${terms.term('gateway')} reviews` },
        { href: '/admin/assessors', text: `${terms.term('assessor')}s` },
        { href: '/iqa', text: `${terms.term('moderation')} queue` },
        { href: '/admin/calendar', text: 'Calendar' },
        { href: '/admin/schedule', text: 'Schedule' },
        { href: '/appeals', text: 'Appeals' },
        { href: '/complaints', text: 'Complaints' },
        { href: '/admin/people', text: 'People' },
        { href: '/admin/organisations', text: 'Organisations' },
        { href: '/admin/mail', text: 'E-mails' },
        { href: '/admin/dfe', text: 'DfE submissions' },
      ];
    case 'iqa':
      return [
        { href: '/iqa', text: `${terms.term('moderation')} queue` },
        { href: '/apprentices', text: 'Apprentices' },
        { href: '/appeals', text: 'Appeals' },
      ];
    case 'provider':
    case 'employer':
      return [
        { href: HOME[role], text: 'Home' },
        { href: '/apprentices', text: 'Apprentices' },
      ];
    case 'apprentice':
      return [{ href: '/apprentice', text: `My ${terms.term('epa')}` }];
    case 'assessor':
      return [
        { href: '/assessor', text: 'My bookings' },
        { href: '/apprentices', text: 'Apprentices' },
      ];
  }
}
