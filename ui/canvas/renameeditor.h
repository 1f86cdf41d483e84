#pragma once

#include "model/ids.h"

#include <QGraphicsTextItem>

namespace swb {

// The in-place name editor laid over a block's name. Enter commits, Escape cancels, leaving the
// editor (focus out) commits. It only reports; the scene asks the Document to rename.
class RenameEditor : public QGraphicsTextItem
{
    Q_OBJECT

public:
    RenameEditor(ComponentId id, const QString &name);

    ComponentId componentId() const { return m_id; }
    void setClosing() { m_closing = true; }

Q_SIGNALS:
    void committed(const QString &text, bool fromFocusOut);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    ComponentId m_id;
    bool m_closing = false;
};

} // namespace swb
