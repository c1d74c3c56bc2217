import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one place that knows where migrations live: beside this file when running from source
 * (tests, CLI, browser host), in the app's resources when packaged, under the app root in dev.
 */
export function migrationsFolder(where: { packagedResources?: string; appRoot?: string } = {}): string {
  if (where.packagedResources) return path.join(where.packagedResources, 'migrations');
  if (where.appRoot) return path.join(where.appRoot, 'db', 'migrations');
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}
