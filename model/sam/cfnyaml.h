#pragma once

#include "model/sam/cfnnode.h"

#include <QByteArray>
#include <QString>

namespace swb::sam {

// Hostile-input bounds. CloudFormation itself refuses template bodies above 1 MB (S3 URL) and
// nesting is never deep in real templates, so these bounds only ever stop attacks: a 50 MB
// scalar, 100,000 nested lists (yaml-cpp's parser is recursive) or a "billion laughs" alias bomb
// (counted in nodes and in text after expansion: one long scalar aliased a million times is
// few nodes but terabytes). A second YAML document ("---") is refused: a file holds one
// template or design, and a reader that kept only the first would drop the rest unseen.
struct ParseLimits {
    qint64 maxBytes = 4 * 1024 * 1024;
    int maxDepth = 256;
    qint64 maxNodes = 1000000;                  // nodes after alias expansion
    qint64 maxExpandedBytes = 64 * 1024 * 1024; // scalar text after alias expansion
};

struct ParseResult {
    bool ok = false;
    CfnNode root;
    QString error; // "line 12, column 5: ..." for syntax errors
};

// Parses YAML or JSON text (yaml-cpp reads both) into a CfnNode tree, keeping short tags.
ParseResult parseCfn(const QByteArray &text, const ParseLimits &limits = {});

// Emits a tree as block-style YAML with short tags (multi-line strings as literal blocks).
QByteArray emitCfnYaml(const CfnNode &root);

} // namespace swb::sam
