// libyaml through the system library (CYAML) once the loader reads it so, through the bundled
// shim (CYAMLEvents) before: the scan reads the same parser the loader does either way.
#if canImport(CYAML)
import CYAML
#else
import CYAMLEvents
#endif

/// libyaml alone reading a text into its event stream, with nothing built from it: the floor of
/// any loader that reads YAML through libyaml, and the baseline of the load benchmark
/// (`Scripts/bench load`), so that its figure reads as a multiple of "just parsing the bytes".
public enum YAMLEventScan {
    /// The number of events in `text`, or of those before its first syntax error.
    public static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var events = 0
            #if canImport(CYAML)
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return 0 }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while yaml_parser_parse(parser, &event) == 1 {
                events += 1
                let end = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if end { break }
            }
            #else
            guard let reader = cd_yaml_reader_create(bytes.baseAddress, bytes.count) else { return 0 }
            defer { cd_yaml_reader_destroy(reader) }
            var event = cd_yaml_event()
            while cd_yaml_reader_next(reader, &event) == 1 {
                events += 1
                if event.type == CD_YAML_STREAM_END { break }
            }
            #endif
            return events
        }
    }
}
