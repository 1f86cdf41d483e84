#pragma once

#include "model/fileformat.h"

namespace swb {

// The design as readable YAML: a file that lives in git and diffs cleanly.
//
// It is the design JSON of designjson.h written as YAML with a fixed key order (format, name,
// nextId, settings, components, connections, faults, extra; inside a record: id, kind, name,
// source, target, position, then parameters in alphabetical order) and every parameter written
// out, so changing one knob changes one line. Wires name their blocks by id, with the block's
// name as a comment. Strings that would read as something else are quoted; extra maps keep the
// typed encoding of variantjson.h. Versioned by `format: 1`.
//
// Reading goes through designFromJson(), so the checks and messages are the project file's; the
// message is prefixed with the file, line and column of the record it concerns ("design.swb.yaml:
// 14:5: block #4 'orders' ..."), and YAML syntax errors with theirs. Unknown keys at any level
// (a misspelt "parms:", a "colour:" on a block, an extra section) and a second YAML document
// are refused with their place and the nearest valid key. Hostile input (huge files, deep
// nesting, alias bombs) is refused with the SAM reader's bounds.
class TextFormat : public FileFormat
{
public:
    // The largest design text read or written (about 40,000 blocks); a larger design is refused
    // on writing with the reader's message, so whatever this writes it reads back.
    static constexpr qint64 MaxBytes = 16LL * 1024 * 1024;
    static QString sizeMessage(const QString &path, qint64 bytes);

    QString id() const override;
    QString displayName() const override;
    QStringList suffixes() const override;
    bool canRead(const QString &path) const override;
    bool canWrite() const override { return true; }
    bool read(const QString &path, Design *out) override;
    bool write(const QString &path, const Design &design) override;

    // The same conversions on text, for tests and for `swb` pipes.
    static QByteArray toYaml(const Design &design);
    // source names the text in messages (a file name).
    static bool fromYaml(const QByteArray &text, const QString &source, Design *out,
                         QString *error);
};

} // namespace swb
