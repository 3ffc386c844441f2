import ArgumentParser

/// Shell completion: ArgumentParser's script for the commands, plus a few lines that complete
/// `cjm FILE …` as `cjm edit FILE …`, since edit is the default command and the first word of
/// `cjm journey.cjm.json --theme light` is a file, not a subcommand.
struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the shell completion script: bash, zsh or fish (scripts/install.sh installs all three).",
        discussion: """
            It completes map files (*.json), template and theme names (your own themes too), export formats and \
            languages. To load it by hand: `source <(cjm completion bash)`; in zsh, save `cjm completion zsh` as \
            _cjm in a folder of $fpath; in fish, save `cjm completion fish` as \
            ~/.config/fish/completions/cjm.fish.
            """)

    enum Shell: String, CaseIterable, ExpressibleByArgument {
        case bash, zsh, fish
    }

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    func run() throws {
        _ = stream(Array(Completion.script(shell).utf8), to: 1)
    }

    static func script(_ shell: Shell) -> String {
        let names = CJM.configuration.subcommands.map { $0._commandName } + ["help"]
        var script = CJM.completionScript(for: CompletionShell(rawValue: shell.rawValue)!)
        if !script.hasSuffix("\n") { script += "\n" }
        let ours = defaultCommand(shell, subcommands: names)
        guard shell == .zsh else { return script + ours }
        // zsh autoloads the file as the function _cjm and runs its last lines, which call _cjm:
        // ArgumentParser's _cjm becomes _cjm_commands, and ours, defined before those lines, is _cjm.
        let trailer = "if [[ \"${funcstack[1]}\" = _cjm ]]; then"
        guard script.contains("\n_cjm() {\n"), script.contains(trailer) else { return script }
        return script.replacingAll("\n_cjm() {\n", with: "\n_cjm_commands() {\n").replacingAll(
            trailer, with: ours + trailer)
    }

    /// The lines that complete a first word that is no subcommand as edit's arguments, and offer
    /// map files beside the subcommands for the first word.
    static func defaultCommand(_ shell: Shell, subcommands: [String]) -> String {
        let list = subcommands.joined(separator: " ")
        switch shell {
        case .bash:
            return """

                # cjm FILE … is cjm edit FILE …: complete it as edit's arguments.
                _cjm_default() {
                    local first="${COMP_WORDS[0]}"
                    if ((COMP_CWORD == 1)); then
                        _cjm "$@"
                        local -a subcommands=("${COMPREPLY[@]}")
                        local -a COMP_WORDS=("$first" edit "${COMP_WORDS[1]}")
                        local COMP_CWORD=2 COMP_LINE="$first edit ${COMP_WORDS[2]}"
                        local COMP_POINT=${#COMP_LINE}
                        COMPREPLY=()
                        _cjm "$1" "$2" edit
                        COMPREPLY=("${subcommands[@]}" "${COMPREPLY[@]}")
                    elif [[ " \(list) " != *" ${COMP_WORDS[1]} "* ]]; then
                        local -a COMP_WORDS=("$first" edit "${COMP_WORDS[@]:1}")
                        local COMP_CWORD=$((COMP_CWORD + 1))
                        local COMP_LINE="$first edit${COMP_LINE#"$first"}" COMP_POINT=$((COMP_POINT + 5))
                        _cjm "$@"
                    else
                        _cjm "$@"
                    fi
                }
                complete -o filenames -F _cjm_default cjm

                """
        case .zsh:
            return """

                # cjm FILE … is cjm edit FILE …: complete it as edit's arguments.
                _cjm() {
                    local -a subcommands=(\(list))
                    if (( CURRENT == 2 )); then
                        local ret=1
                        _cjm_commands && ret=0
                        _files -g '*.json(-.)' && ret=0
                        return ret
                    fi
                    if (( ! ${subcommands[(Ie)${words[2]}]} )); then
                        words=("${words[1]}" edit "${words[@]:1}")
                        (( CURRENT++ ))
                    fi
                    _cjm_commands
                }

                """
        case .fish:
            return """

                # cjm FILE … is cjm edit FILE …: complete it as edit's arguments.
                function __cjm_default_complete
                    set -l words (commandline -opc) (commandline -ct)
                    complete -C (string join ' ' -- cjm edit (string escape -- $words[2..-2]) (commandline -ct))
                end
                function __cjm_map_files
                    set -l token (commandline -ct)
                    for p in $token*.json
                        printf '%s\\n' $p
                    end
                    __fish_complete_directories $token ''
                end
                complete -c cjm -n 'test (count (commandline -opc)) -eq 1' -fa '(__cjm_map_files)'
                complete -c cjm -n 'test (count (commandline -opc)) -ge 2; and not __fish_seen_subcommand_from \(list)' \\
                    -fa '(__cjm_default_complete)'

                """
        }
    }
}
