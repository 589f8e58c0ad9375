/*
 * A small event reader over libyaml, for composing cyberdrill's own YAML node tree.
 *
 * libyaml itself is the copy that Yams compiles into every program that links Yams (its CYaml
 * target, libyaml 0.2.5); Yams keeps that module internal, so this target declares libyaml's API
 * from an identical copy of its header (libyaml.h, beside yaml_events.c) and lets the linker
 * resolve the calls against Yams's objects. Only this narrow, flat interface is seen from Swift.
 */
#ifndef CYBERDRILL_YAML_EVENTS_H
#define CYBERDRILL_YAML_EVENTS_H

#include <stddef.h>

/* Event kinds, numbered as libyaml's yaml_event_type_t. */
#define CD_YAML_NO_EVENT 0
#define CD_YAML_STREAM_START 1
#define CD_YAML_STREAM_END 2
#define CD_YAML_DOCUMENT_START 3
#define CD_YAML_DOCUMENT_END 4
#define CD_YAML_ALIAS 5
#define CD_YAML_SCALAR 6
#define CD_YAML_SEQUENCE_START 7
#define CD_YAML_SEQUENCE_END 8
#define CD_YAML_MAPPING_START 9
#define CD_YAML_MAPPING_END 10

/* One parse event; the pointers stay valid until the next call to cd_yaml_reader_next. */
typedef struct {
    int type;
    /* Scalar value (UTF-8, may contain NUL bytes) and its length. */
    const unsigned char *value;
    size_t length;
    /* 1 when the scalar was written plain (not quoted, not a block scalar). */
    int plain;
    /* The anchor set on a node (&name), or the anchor an alias (*name) refers to; NULL when none. */
    const unsigned char *anchor;
    /* Start of the event, 0-based line and column (in characters). */
    size_t line;
    size_t column;
} cd_yaml_event;

/* Why parsing stopped. */
typedef struct {
    /* 1 reader (bad bytes), 2 scanner, 3 parser, 4 memory, 0 none. */
    int kind;
    const char *problem;
    const char *context;
    /* Where the problem is (0-based); for reader errors only the byte offset is known. */
    size_t line;
    size_t column;
    size_t offset;
} cd_yaml_error;

typedef struct cd_yaml_reader cd_yaml_reader;

/* A reader over `length` UTF-8 bytes, which must outlive it; NULL when out of memory. */
cd_yaml_reader *cd_yaml_reader_create(const unsigned char *input, size_t length);

/* Parses the next event into `event`: 1 on success, 0 on an error (see cd_yaml_reader_error). */
int cd_yaml_reader_next(cd_yaml_reader *reader, cd_yaml_event *event);

void cd_yaml_reader_error(const cd_yaml_reader *reader, cd_yaml_error *error);

void cd_yaml_reader_destroy(cd_yaml_reader *reader);

#endif
