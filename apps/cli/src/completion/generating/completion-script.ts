import { Command } from 'commander';

/** Each command path ("", "models", "pipeline") with the words that may follow it. */
export function completionTable(program: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const visit = (command: Command, path: string) => {
    const options = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f));
    const globals = path === '' ? [] : program.options.flatMap((o) => (o.long ? [o.long] : []));
    table.set(path, [...command.commands.map((c) => c.name()), ...options, ...globals, '--help']);
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return table;
}

/**
 * A static script: the command path is the words typed so far that are command names; the
 * candidates are that path's subcommands and options.
 */
export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const cases = [...completionTable(program)]
    .map(([path, words]) => `    "${path}") words="${words.join(' ')}" ;;`)
    .join('\n');
  const commands = [...completionTable(program).keys()].filter(Boolean).map((p) => p.split(' ').pop());
  const body = `_mledger() {
  local cur path="" word words known=" ${[...new Set(commands)].join(' ')} "
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$known" in *" $word "*) path="\${path:+$path }$word" ;; esac
  done
  case "$path" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
`;
  if (shell === 'bash') return `# mledger completion for bash\n${body}complete -o default -F _mledger mledger\n`;
  return `#compdef mledger\n# mledger completion for zsh (through bash completion)\nautoload -U +X bashcompinit && bashcompinit\n${body}complete -o default -F _mledger mledger\n`;
}
