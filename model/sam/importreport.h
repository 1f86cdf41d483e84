#pragma once

#include <QString>
#include <QStringList>

namespace swb::sam {

// What an import did not turn into blocks and wires, so nothing is lost silently. Each entry is
// one sentence naming the template location ("Resources.Orders.Properties.MemorySize").
struct ImportReport {
    QStringList kept;         // unmodelled sections, resources and properties, kept verbatim
    QStringList missingFiles; // CodeUri / DefinitionUri / DefinitionBody files not found
    QStringList clamped;      // values outside the catalogue range or not understood
    QStringList unresolved;   // references to no resource, links AWS does not allow
    QStringList notes;        // hints (no traffic source, comments not kept, ...)

    bool hasWarnings() const
    {
        return !missingFiles.isEmpty() || !clamped.isEmpty() || !unresolved.isEmpty();
    }

    // Plain text, one section per list, for the command line and the GUI's report dialog.
    QString toText() const
    {
        QString text;
        const auto section = [&text](const char *title, const QStringList &lines) {
            if (lines.isEmpty())
                return;
            text += QLatin1String(title) + QStringLiteral(" (%1):\n").arg(lines.size());
            for (const QString &line : lines)
                text += QStringLiteral("  - ") + line + QLatin1Char('\n');
        };
        section("Missing referenced files", missingFiles);
        section("Values clamped or left at default", clamped);
        section("Unresolved references and refused links", unresolved);
        section("Kept but not modelled", kept);
        section("Notes", notes);
        return text;
    }
};

} // namespace swb::sam
