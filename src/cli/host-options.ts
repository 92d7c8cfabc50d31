// The options that reach other machines (list, watch, wait): --host is a global option (every verb takes it
// for a HOST:… target); --all-hosts and --no-local belong to the verbs that span machines.
import { chooseHosts, hostsFilePath, readHostsFile, type HostChoice } from '../remote/hosts.js';
import type { VerbContext } from './context.js';
import type { OptionSpec, OptionValues } from './verb.js';

export const HOST_OPTIONS: Record<string, OptionSpec> = {
  'all-hosts': { type: 'boolean', usage: '--all-hosts', description: 'every host of ~/.config/claude-dm/hosts' },
  'no-local': { type: 'boolean', usage: '--no-local', description: "leave this machine's own tmux server out" },
};

export function hostChoice(ctx: Pick<VerbContext, 'env' | 'home'>, values: OptionValues): HostChoice {
  const host = Array.isArray(values.host) ? values.host : typeof values.host === 'string' ? [values.host] : [];
  return chooseHosts({ host, allHosts: values['all-hosts'] === true, noLocal: values['no-local'] === true }, () =>
    readHostsFile(hostsFilePath(ctx.env, ctx.home)),
  );
}
