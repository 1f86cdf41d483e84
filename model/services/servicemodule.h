#pragma once
// What one AWS service (or the traffic source / downstream pseudo-services) declares to the
// layers: identity and palette text, parameters, wire parameters and the block's subtitle.
// Each service fills one of these in its own folder (model/services/<service>/); the registry
// (model/services/registry.h) is the only place that lists them, so no layer switches on the
// component kind for these facts.

#include "model/kinds.h"
#include "model/parameter.h"

#include <QList>
#include <QRgb>

namespace swb {

struct Component;

struct ServiceModule {
    ComponentKind kind;
    const char *id;        // stable, in files and on the command line ("lambda"); also the icon's
                           // file name, resources/icons/<id>.svg
    const char *name;      // shown to people ("Lambda function")
    const char *shortName; // the block's kind line, fits 160 canvas units ("Lambda")
    QRgb familyColor;      // matches the icon's background
    const char *paletteKeywords; // extra words the palette search matches
    const char *paletteSummary;  // the palette tool tip (translated in the "PaletteDock" context)

    // The block's knobs, with AWS defaults and ranges (built once by the catalogue).
    QList<ParamSpec> (*params)();
    // Knobs of a wire of this kind leaving a block of this service (empty list: none).
    QList<ParamSpec> (*wireParams)(ConnectionKind kind);
    // The block's second line on the canvas ("FIFO · 4 groups", "512 MB · 10 s").
    QString (*subtitle)(const Component &c);
    // Whether the block is a FIFO (ordered, deduplicated) variant; nullptr: the service has none.
    bool (*isFifo)(const Component &c) = nullptr;
};

// True for a FIFO queue or topic (the service module decides).
bool isFifo(const Component &c);

// Shared helpers for subtitles.
namespace subtitle {
const QString &separator(); // " · "
QString number(double value);
} // namespace subtitle

} // namespace swb
