# bash completion for tertial: the commands, each command's options and the values of a few of
# them. Commands and options are read from `tertial --help` and `tertial COMMAND --help`, so the
# completion follows the program it completes.
_tertial() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} prog=${COMP_WORDS[0]} cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$("$prog" --help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')" -- "$cur"))
    return
  fi
  case $prev in
  --kind | -k)
    COMPREPLY=($(compgen -W "organisation accounts budget outcome people indicators" -- "$cur"))
    return ;;
  --csv-style)
    COMPREPLY=($(compgen -W "swedish machine" -- "$cur"))
    return ;;
  --stage | -s)
    [ "$cmd" = frames ] && COMPREPLY=($(compgen -W "preliminary mor finansplan alternative" -- "$cur")) && return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$("$prog" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _tertial tertial
