#include "ui/export/diagramrender.h"

#include "model/document.h"
#include "model/wiringrules.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/wireitem.h"
#include "ui/icons.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

// Sheet geometry in scene units (a block is 160 x 72).
constexpr qreal kMargin = 24;     // around the drawn items
constexpr qreal kFooterPad = 14;  // inside the footer, all sides
constexpr qreal kLegendRow = 24;  // one legend line
constexpr qreal kLegendGap = 22;  // between legend entries on a line
constexpr qreal kLegendIcon = 18; // block icon / wire sample size
constexpr qreal kTitleRow = 30;   // the title block's height
constexpr qreal kMinSheetWidth = 320;
constexpr qreal kFooterReferenceWidth = 1400; // wider diagrams get a proportionally larger footer
constexpr int kLegendPx = 12;
constexpr int kTitlePx = 16;
constexpr int kDatePx = 12;

QFont pixelFont(int pixels, bool bold = false)
{
    QFont font;
    font.setPixelSize(pixels);
    font.setBold(bold);
    font.setStyleStrategy(QFont::PreferNoShaping); // no ligatures: exported text stays searchable
    return font;
}

// Exports look the same on a dark desktop: the canvas items read these palette roles.
QPalette exportPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x20, 0x20, 0x24));
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x24));
    palette.setColor(QPalette::ToolTipBase, QColor(0xF3, 0xF4, 0xF6));
    palette.setColor(QPalette::ToolTipText, QColor(0x20, 0x20, 0x24));
    palette.setColor(QPalette::Highlight, QColor(0x2F, 0x6F, 0xD0));
    return palette;
}

} // namespace

QString defaultDiagramTitle(const Document &document)
{
    if (!document.design().name.trimmed().isEmpty())
        return document.design().name.trimmed();
    if (!document.filePath().isEmpty()) {
        // "orders.swb.yaml" -> "orders"
        return QFileInfo(document.filePath()).fileName().section(QLatin1Char('.'), 0, 0);
    }
    return QStringLiteral("Untitled design");
}

DiagramSnapshot::DiagramSnapshot(DiagramScene &live, const DiagramExportOptions &options)
    : m_options(options)
    , m_scene(live.document())
{
    m_scene.setPalette(exportPalette());
    m_scene.setExportRendering(true);
    const Design &design = live.document()->design();
    const QList<ComponentId> selected = live.selectedComponents();
    auto wanted = [&](ComponentId id) { return !options.selectionOnly || selected.contains(id); };

    QList<ComponentKind> blockKinds;
    QList<ConnectionKind> wireKinds;
    for (const Component &c : design.components) {
        BlockItem *block = m_scene.blockItem(c.id);
        if (!block)
            continue;
        if (!wanted(c.id)) {
            block->setVisible(false);
            continue;
        }
        ++m_blockCount;
        if (!blockKinds.contains(c.kind))
            blockKinds.append(c.kind);
        if (options.liveBadges) {
            if (const BlockItem *liveBlock = live.blockItem(c.id))
                block->setOverlay(liveBlock->overlay());
        }
        m_content |= block->sceneBoundingRect();
        if (const QRectF caption = block->exportCaptionRect(); !caption.isNull())
            m_content |= block->mapRectToScene(caption);
    }
    for (const Connection &c : design.connections) {
        WireItem *wire = m_scene.wireItem(c.id);
        if (!wire)
            continue;
        // A wire belongs to a partial diagram only when both of its ends are in it.
        if (!wanted(c.source) || !wanted(c.target)) {
            wire->setVisible(false);
            continue;
        }
        if (!wireKinds.contains(c.kind))
            wireKinds.append(c.kind);
        if (options.liveBadges) {
            if (const WireItem *liveWire = live.wireItem(c.id))
                wire->setFlow(liveWire->flowIntensity(), liveWire->flowHealth());
        }
        m_content |= wire->sceneBoundingRect();
    }
    if (m_content.isNull())
        m_content = QRectF(0, 0, BlockItem::bodyRect().width(), BlockItem::bodyRect().height());
    m_content.adjust(-kMargin, -kMargin, kMargin, kMargin);

    m_title = options.title.trimmed().isEmpty() ? defaultDiagramTitle(*live.document())
                                                : options.title.trimmed();
    m_dateText =
        (options.date.isValid() ? options.date : QDate::currentDate()).toString(Qt::ISODate);
    std::sort(blockKinds.begin(), blockKinds.end());
    std::sort(wireKinds.begin(), wireKinds.end());
    if (options.legend)
        collectLegend(blockKinds, wireKinds);
    layOut();
}

void DiagramSnapshot::collectLegend(const QList<ComponentKind> &blocks,
                                    const QList<ConnectionKind> &wires)
{
    for (ComponentKind kind : blocks) {
        LegendEntry entry;
        entry.block = kind;
        entry.text = componentKindName(kind);
        m_legend.append(entry);
    }
    for (ConnectionKind kind : wires) {
        LegendEntry entry;
        entry.isBlock = false;
        entry.wire = kind;
        entry.text = connectionKindName(kind);
        m_legend.append(entry);
    }
}

void DiagramSnapshot::layOut()
{
    const QFontMetricsF legendMetrics(pixelFont(kLegendPx));
    const QFontMetricsF titleMetrics(pixelFont(kTitlePx, true));
    const QFontMetricsF dateMetrics(pixelFont(kDatePx));

    // A large design is shrunk to fit a page or a slide; the footer grows with it so the title
    // and legend stay as readable as the blocks. It is laid out in its own units (below) and
    // painted scaled by m_footerScale.
    m_footerScale = std::max(1.0, m_content.width() / kFooterReferenceWidth);
    // The footer is as wide as the diagram, but never so narrow that the title and date or a
    // legend entry would be clipped.
    qreal width = std::max(m_content.width() / m_footerScale, kMinSheetWidth);
    if (m_options.titleBlock) {
        width = std::max(width, titleMetrics.horizontalAdvance(m_title)
                                    + dateMetrics.horizontalAdvance(m_dateText) + 4 * kFooterPad);
    }
    for (LegendEntry &entry : m_legend) {
        const qreal w = kLegendIcon + 6 + legendMetrics.horizontalAdvance(entry.text);
        entry.rect = QRectF(0, 0, w, kLegendRow);
        width = std::max(width, w + 2 * kFooterPad);
    }
    const qreal sheetWidth = std::ceil(width * m_footerScale);
    width = sheetWidth / m_footerScale;
    m_contentSheet =
        QRectF((sheetWidth - m_content.width()) / 2, 0, m_content.width(), m_content.height());

    // Legend entries flow left to right and wrap within the footer.
    qreal x = kFooterPad;
    qreal y = kFooterPad;
    for (LegendEntry &entry : m_legend) {
        if (x > kFooterPad && x + entry.rect.width() > width - kFooterPad) {
            x = kFooterPad;
            y += kLegendRow;
        }
        entry.rect.moveTo(x, y);
        x += entry.rect.width() + kLegendGap;
    }
    if (!m_legend.isEmpty())
        y += kLegendRow;
    if (m_options.titleBlock) {
        m_titleRect =
            QRectF(kFooterPad, y + (m_legend.isEmpty() ? 0 : 6), width - 2 * kFooterPad, kTitleRow);
        y = m_titleRect.bottom();
    }
    const bool hasFooter = m_options.titleBlock || !m_legend.isEmpty();
    m_footer = hasFooter ? QRectF(0, 0, width, y + kFooterPad) : QRectF();
    m_size = QSizeF(sheetWidth, std::ceil(m_content.height() + m_footer.height() * m_footerScale));
}

void DiagramSnapshot::paint(QPainter &painter)
{
    painter.save();
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    m_scene.render(&painter, m_contentSheet, m_content, Qt::IgnoreAspectRatio);
    painter.restore();
    if (m_footer.isNull())
        return;
    painter.save();
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    painter.translate(0, m_contentSheet.bottom());
    painter.scale(m_footerScale, m_footerScale);
    painter.setPen(QPen(QColor(0xC8, 0xCB, 0xD0), 1));
    painter.drawLine(QPointF(kFooterPad, 0), QPointF(m_footer.right() - kFooterPad, 0));
    paintLegend(painter);
    if (m_options.titleBlock)
        paintTitleBlock(painter);
    painter.restore();
}

void DiagramSnapshot::paintLegend(QPainter &painter) const
{
    const QColor text = exportPalette().color(QPalette::Text);
    painter.setFont(pixelFont(kLegendPx));
    for (const LegendEntry &entry : m_legend) {
        const QRectF sample(entry.rect.left(), entry.rect.center().y() - kLegendIcon / 2,
                            kLegendIcon, kLegendIcon);
        if (entry.isBlock) {
            // The icon as vector art (the SVG resource), so SVG and PDF exports stay sharp.
            paintIcon(&painter, entry.block, sample);
        } else {
            QPen pen(WireItem::kindColor(entry.wire), 2);
            if (isFailureKind(entry.wire))
                pen.setStyle(Qt::DashLine);
            painter.setPen(pen);
            painter.drawLine(QPointF(sample.left(), sample.center().y()),
                             QPointF(sample.right(), sample.center().y()));
        }
        painter.setPen(text);
        const QRectF label(sample.right() + 6, entry.rect.top(),
                           entry.rect.right() - sample.right() - 6, entry.rect.height());
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, entry.text);
    }
}

void DiagramSnapshot::paintTitleBlock(QPainter &painter) const
{
    painter.setPen(QPen(QColor(0x9A, 0x9E, 0xA6), 1));
    painter.setBrush(QColor(0xF6, 0xF7, 0xF9));
    painter.drawRoundedRect(m_titleRect, 4, 4);
    const QRectF inner = m_titleRect.adjusted(kFooterPad / 2, 0, -kFooterPad / 2, 0);
    painter.setPen(exportPalette().color(QPalette::Text));
    painter.setFont(pixelFont(kTitlePx, true));
    painter.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter, m_title);
    painter.setFont(pixelFont(kDatePx));
    painter.drawText(inner, Qt::AlignRight | Qt::AlignVCenter, m_dateText);
}

} // namespace swb
