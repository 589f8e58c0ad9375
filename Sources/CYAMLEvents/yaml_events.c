#include "CYAMLEvents.h"
#include "libyaml.h"

#include <stdlib.h>

struct cd_yaml_reader {
    yaml_parser_t parser;
    yaml_event_t event;
    int holds_event;
};

cd_yaml_reader *cd_yaml_reader_create(const unsigned char *input, size_t length) {
    cd_yaml_reader *reader = calloc(1, sizeof(cd_yaml_reader));
    if (reader == NULL) return NULL;
    if (!yaml_parser_initialize(&reader->parser)) {
        free(reader);
        return NULL;
    }
    yaml_parser_set_encoding(&reader->parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&reader->parser, input, length);
    return reader;
}

static void release_event(cd_yaml_reader *reader) {
    if (reader->holds_event) {
        yaml_event_delete(&reader->event);
        reader->holds_event = 0;
    }
}

int cd_yaml_reader_next(cd_yaml_reader *reader, cd_yaml_event *out) {
    release_event(reader);
    if (!yaml_parser_parse(&reader->parser, &reader->event)) return 0;
    reader->holds_event = 1;
    const yaml_event_t *e = &reader->event;
    out->type = (int)e->type;
    out->value = NULL;
    out->length = 0;
    out->plain = 0;
    out->anchor = NULL;
    out->line = e->start_mark.line;
    out->column = e->start_mark.column;
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        out->value = e->data.scalar.value;
        out->length = e->data.scalar.length;
        out->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE || e->data.scalar.style == YAML_ANY_SCALAR_STYLE;
        out->anchor = e->data.scalar.anchor;
        break;
    case YAML_ALIAS_EVENT:
        out->anchor = e->data.alias.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        out->anchor = e->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        out->anchor = e->data.mapping_start.anchor;
        break;
    default:
        break;
    }
    return 1;
}

void cd_yaml_reader_error(const cd_yaml_reader *reader, cd_yaml_error *error) {
    const yaml_parser_t *p = &reader->parser;
    switch (p->error) {
    case YAML_READER_ERROR: error->kind = 1; break;
    case YAML_SCANNER_ERROR: error->kind = 2; break;
    case YAML_PARSER_ERROR: error->kind = 3; break;
    case YAML_MEMORY_ERROR: error->kind = 4; break;
    case YAML_NO_ERROR: error->kind = 0; break;
    default: error->kind = 3; break;
    }
    error->problem = p->problem;
    error->context = p->context;
    error->line = p->problem_mark.line;
    error->column = p->problem_mark.column;
    error->offset = p->problem_offset;
}

void cd_yaml_reader_destroy(cd_yaml_reader *reader) {
    if (reader == NULL) return;
    release_event(reader);
    yaml_parser_delete(&reader->parser);
    free(reader);
}
