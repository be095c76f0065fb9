import { Command } from 'commander';
import { Cli, examples } from '../../session';
import { completionScript } from './completion-script';

export function registerCompletion(program: Command, cli: Cli): void {
  const command = program
    .command('completion')
    .description('Print a shell completion script (commands, subcommands and options)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') program.error(`error: shell must be bash or zsh, got "${shell}"`);
      cli.io.stdout.write(completionScript(program, shell as 'bash' | 'zsh'));
    });
  examples(command, [
    'completion bash > ~/.local/share/bash-completion/completions/mledger',
    'completion zsh > "${fpath[1]}/_mledger"',
  ]);
}
