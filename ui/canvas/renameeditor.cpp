#include "ui/canvas/renameeditor.h"

#include <QKeyEvent>
#include <QTextCursor>
#include <QTextDocument>

namespace swb {

RenameEditor::RenameEditor(ComponentId id, const QString &name)
    : m_id(id)
{
    setPlainText(name);
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setZValue(30);
    document()->setDocumentMargin(1);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

void RenameEditor::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        event->accept();
        Q_EMIT committed(toPlainText(), false);
        return;
    case Qt::Key_Escape:
        event->accept();
        m_closing = true;
        Q_EMIT cancelled();
        return;
    default:
        QGraphicsTextItem::keyPressEvent(event);
    }
}

void RenameEditor::focusOutEvent(QFocusEvent *event)
{
    QGraphicsTextItem::focusOutEvent(event);
    if (!m_closing)
        Q_EMIT committed(toPlainText(), true);
}

} // namespace swb
