import { ConfigError, loadTokenMintingConfig } from '@docket/config';
import { isRole, type Role } from '@docket/domain';
import { signLocalToken } from './identity/local-token';
import { parseArgs } from 'node:util';

/**
 * `npm run --silent token -- --user handler-li --agency sh-pudong-amr --roles handler [--hours 8]`:
 * prints an HS256 bearer token signed with AUTH_JWT_SECRET, for local use. Production tokens come
 * from the agency's OIDC provider instead.
 */
const USAGE = [
  'usage: npm run --silent token -- --user <user id> --agency <agency id> --roles <role>[,<role>…] [--hours <1-24>]',
  '',
  'Reads AUTH_JWT_SECRET (and AUTH_ISSUER, AUTH_AUDIENCE) from the environment; `npm start` prints the',
  'command with the development secret filled in, and lists the seeded users, e.g.:',
  '  --user handler-li --agency sh-pudong-amr --roles handler',
  '  --user head-wang --agency sh-pudong-amr --roles head',
].join('\n');

class UsageError extends Error {}

function parseRoles(raw: string): Role[] {
  const roles = raw.split(',').map((role) => role.trim()).filter((role) => role !== '');
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new UsageError(`--roles must list Docket roles${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`);
  }
  return roles.filter(isRole);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      agency: { type: 'string' },
      roles: { type: 'string' },
      hours: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  if (values.user === undefined || values.agency === undefined || values.roles === undefined) {
    throw new UsageError('--user, --agency and --roles are required');
  }
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24) {
    throw new UsageError('--hours must be a whole number from 1 to 24');
  }
  const roles = parseRoles(values.roles);
  const config = loadTokenMintingConfig(process.env);
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = await signLocalToken(config, { userId: values.user, agencyId: values.agency, roles }, { issuedAt, expiresAt: issuedAt + hours * 3600 });
  console.log(token);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration: ${error.message}`);
  } else if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    console.error(`${error.message}\n\n${USAGE}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
