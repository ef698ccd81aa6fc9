# Sourced by ./s3pump. transfer_kind ARGS... sets $kind to what an s3pump command line transfers, for the
# class-data archive: "up" or "down" for cp (by its SRC), "bench", or "" for anything else (other commands, help,
# version). Each kind exercises classes beyond those every command loads (the upload or the download engine, the
# bench module). The command is the first operand after the leading shared options; cp's SRC is its first operand.
# Tested by cli's TransferKindTest.
transfer_kind() {
    local valued='^--(endpoint-url|region|profile|ca-bundle|output|part-size|parts|concurrency|checksum)$'
    local command="" a i j
    kind=""
    for ((i = 1; i <= $#; i++)); do
        a=${!i}
        case "$command:$a" in
            *:-h|*:--help|:-V|:--version) kind=""; break ;;
            cp:-) kind=up; break ;;  # stdin
            cp:--) j=$((i + 1)); if [[ "${!j:-}" =~ ^[sS]3:// ]]; then kind=down; else kind=up; fi; break ;;
            :--*=*|bench:*|cp:--*=*) ;;
            :-*|cp:-?*) if [[ "$a" =~ $valued ]]; then i=$((i + 1)); fi ;;  # skip the option's value
            :bench) command=bench; kind=bench ;;
            :cp) command=cp ;;
            :*) break ;;
            cp:[sS]3://*) kind=down; break ;;
            cp:*) kind=up; break ;;
        esac
    done
    return 0
}
