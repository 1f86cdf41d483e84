#pragma once
// Help > About Serverless Workbench: the version, what the app is for, and the
// libraries the binary uses with their versions (read at run time where possible, see
// model/libraryversions.h) and licences.

#include <QDialog>

class QLabel;

namespace swb {

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The rich text shown ("aboutText"), for tests.
    QLabel *textLabel() const { return m_text; }

    // QApplication::applicationVersion() (set by the GUI's main() from the CMake project
    // version), or the version the model was built with when the application set none.
    static QString version();

private:
    QLabel *m_text;
};

} // namespace swb
