// libyaml (libyaml-dev; pkg-config yaml-0.1): the YAML 1.1 parser whose events YAMLDocument composes.
#include <yaml.h>
