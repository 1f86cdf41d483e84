#include "ui/export/diagramexport.h"

#include "ui/export/diagramrender.h"

#include "model/atomicfile.h"
#include "model/checkednumbers.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <cmath>

namespace swb {

namespace {

// A PNG larger than this is refused before any memory is taken (4 bytes a pixel: 1 GiB).
constexpr qint64 kMaxPngPixels = 256LL * 1024 * 1024;
constexpr int kMaxPngSide = 32767; // QImage / libpng limit on one side
// The canvas holds positions within +-checked::kMaxCoordinate; the legend and title add little.
constexpr double kMaxDiagramExtent = 2 * checked::kMaxCoordinate + 1e5;

void paintFitted(QPainter &painter, const QRectF &target, DiagramSnapshot &snapshot)
{
    const QSizeF size = snapshot.size();
    if (size.isEmpty() || target.isEmpty())
        return;
    const qreal scale = std::min(target.width() / size.width(), target.height() / size.height());
    painter.save();
    painter.translate(target.center() - QPointF(size.width(), size.height()) * scale / 2);
    painter.scale(scale, scale);
    snapshot.paint(painter);
    painter.restore();
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Qt writes the font's family as it knows it ("Sans Serif"); CSS readers (browsers, Inkscape,
// rsvg) want a generic family name they know, so a family is followed by its CSS generic.
QByteArray cssFontFamilies(const QByteArray &svg)
{
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    QString text = QString::fromUtf8(svg);
    QString out;
    qsizetype last = 0;
    for (auto it = family.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1).trimmed();
        const QString lower = name.toLower();
        QString css;
        if (lower == QLatin1String("sans serif") || lower == QLatin1String("sans-serif")
            || lower == QLatin1String("sans"))
            css = QStringLiteral("sans-serif");
        else if (lower == QLatin1String("serif"))
            css = QStringLiteral("serif");
        else if (lower == QLatin1String("monospace"))
            css = QStringLiteral("monospace");
        else
            css = QStringLiteral("'%1', sans-serif").arg(name);
        out += text.mid(last, m.capturedStart() - last)
               + QStringLiteral("font-family=\"%1\"").arg(css);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out.toUtf8();
}

bool writeSvg(DiagramSnapshot &snapshot, QIODevice *device)
{
    const QSizeF size = snapshot.size();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    // One canvas unit is one CSS pixel (1/96 in), as in the PNG at scale 1: the width and height
    // in millimetres and the viewBox then describe the same physical size.
    generator.setResolution(96);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    generator.setTitle(snapshot.title());
    generator.setDescription(QStringLiteral("Serverless Workbench diagram"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    snapshot.paint(painter);
    if (!painter.end())
        return false;
    const QByteArray svg = cssFontFamilies(buffer.data());
    return device->write(svg) == svg.size();
}

bool writePng(DiagramSnapshot &snapshot, const DiagramExportOptions &options, QIODevice *device,
              QString *error)
{
    const QSizeF size = snapshot.size() * options.scale;
    const qint64 w = qint64(std::ceil(size.width()));
    const qint64 h = qint64(std::ceil(size.height()));
    if (w > kMaxPngSide || h > kMaxPngSide || w * h > kMaxPngPixels)
        return fail(error, QStringLiteral("the PNG would be %1 x %2 pixels at scale %3, more than "
                                          "the limit of %4 pixels a side and %5 megapixels; "
                                          "choose a smaller scale or export SVG or PDF")
                               .arg(w)
                               .arg(h)
                               .arg(options.scale)
                               .arg(kMaxPngSide)
                               .arg(kMaxPngPixels / (1024 * 1024)));
    QImage image(int(w), int(h), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return fail(error,
                    QStringLiteral("not enough memory for a %1 x %2 pixel image").arg(w).arg(h));
    image.fill(options.transparent ? Qt::transparent : Qt::white);
    // A canvas unit is 1/96 in at scale 1, so the PNG's resolution grows with the scale: it
    // prints at the diagram's size whatever the scale (pHYs chunk, dots per metre).
    const int dotsPerMetre = qRound(96.0 * options.scale / 0.0254);
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    {
        QPainter painter(&image);
        paintFitted(painter, QRectF(0, 0, w, h), snapshot);
    }
    QImageWriter writer(device, "png");
    if (!writer.write(image))
        return fail(error, writer.errorString());
    return true;
}

bool writePdf(DiagramSnapshot &snapshot, QIODevice *device)
{
    const QSizeF size = snapshot.size();
    QPdfWriter writer(device);
    writer.setCreator(QStringLiteral("Serverless Workbench"));
    writer.setTitle(snapshot.title());
    // One A4 page, turned to landscape when the diagram is wider than tall; the diagram is
    // scaled to fill the printable area.
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4),
                    size.width() > size.height() ? QPageLayout::Landscape : QPageLayout::Portrait,
                    QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    paintFitted(painter, QRectF(0, 0, writer.width(), writer.height()), snapshot);
    return painter.end();
}

} // namespace

std::optional<DiagramFormat> diagramFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return DiagramFormat::Svg;
    if (suffix == QLatin1String("png"))
        return DiagramFormat::Png;
    if (suffix == QLatin1String("pdf"))
        return DiagramFormat::Pdf;
    return std::nullopt;
}

QSizeF diagramSize(DiagramScene &scene, const DiagramExportOptions &options)
{
    return DiagramSnapshot(scene, options).size();
}

void paintDiagram(QPainter &painter, const QRectF &target, DiagramScene &scene,
                  const DiagramExportOptions &options)
{
    DiagramSnapshot snapshot(scene, options);
    paintFitted(painter, target, snapshot);
}

bool exportDiagram(DiagramScene &scene, const QString &path, const DiagramExportOptions &options,
                   QString *error)
{
    const std::optional<DiagramFormat> format = diagramFormatForPath(path);
    if (!format)
        return fail(error, QStringLiteral("cannot tell the format of '%1' from its suffix "
                                          "(allowed: .svg, .png, .pdf)")
                               .arg(QFileInfo(path).fileName()));
    if (*format == DiagramFormat::Png
        && !(options.scale >= kMinDiagramScale && options.scale <= kMaxDiagramScale))
        return fail(error, QStringLiteral("scale %1 is out of range (allowed: %2 to %3)")
                               .arg(options.scale)
                               .arg(kMinDiagramScale)
                               .arg(kMaxDiagramScale));
    DiagramSnapshot snapshot(scene, options);
    // Positions are kept inside the canvas (model/checkednumbers.h), so this only stops a scene
    // that bypassed the model; it keeps every size conversion below defined.
    const QSizeF extent = snapshot.size();
    if (!(extent.width() <= kMaxDiagramExtent && extent.height() <= kMaxDiagramExtent))
        return fail(error, QStringLiteral("the diagram spans %1 x %2 canvas units, more than the "
                                          "%3 an export draws; move the far blocks closer or "
                                          "export a selection")
                               .arg(extent.width(), 0, 'g', 6)
                               .arg(extent.height(), 0, 'g', 6)
                               .arg(kMaxDiagramExtent, 0, 'g', 6));
    if (snapshot.isEmpty())
        return fail(error, options.selectionOnly
                               ? QStringLiteral("no block is selected; select the blocks to "
                                                "export or export the whole design")
                               : QStringLiteral("the design has no blocks to draw"));

    // Checked before rendering, so a refused target says so at once; the image is rendered in
    // memory, then written and committed with every result checked (model/atomicfile.h): a
    // failure at any point leaves an existing file as it was and no partial file behind.
    const OutputKind kind = *format == DiagramFormat::Svg   ? OutputKind::Svg
                            : *format == DiagramFormat::Png ? OutputKind::Png
                                                            : OutputKind::Pdf;
    AtomicFile file(path, kind, options.force);
    if (!file.open())
        return fail(error, file.error());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    bool ok = false;
    QString reason;
    switch (*format) {
    case DiagramFormat::Svg:
        ok = writeSvg(snapshot, &buffer);
        break;
    case DiagramFormat::Png:
        ok = writePng(snapshot, options, &buffer, &reason);
        break;
    case DiagramFormat::Pdf:
        ok = writePdf(snapshot, &buffer);
        break;
    }
    if (!ok)
        return fail(error, reason.isEmpty() ? QStringLiteral("rendering failed") : reason);
    if (!file.write(buffer.data()) || !file.commit())
        return fail(error, file.error());
    return true;
}

} // namespace swb
