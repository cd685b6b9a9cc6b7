import { badRequest } from '../server/errors.js';

const RESERVED = new Set([
  'admin',
  'api',
  'app',
  'console',
  'oxygis',
  'postgres',
  'public',
  'root',
  'setup',
  'status',
  'system',
  'template0',
  'template1',
  'www',
]);

/** A slug from a display name: "Brasserie Dupont & Fils" → "brasserie-dupont-fils". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Slugs name databases, roles and URLs: lowercase letters, digits and hyphens, 3 to 40 long. */
export function assertValidSlug(slug: string): void {
  if (!/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/.test(slug) || slug.includes('--')) {
    throw badRequest(
      'invalid_slug',
      `"${slug}" is not a valid slug: use 3 to 40 lowercase letters, digits and single hyphens, starting with a letter`,
    );
  }
  if (RESERVED.has(slug)) throw badRequest('reserved_slug', `"${slug}" is reserved; choose another slug`);
}
