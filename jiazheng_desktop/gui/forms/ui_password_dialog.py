# Generated from ui/password_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'password_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_PasswordDialog(object):
    def setupUi(self, PasswordDialog):
        if not PasswordDialog.objectName():
            PasswordDialog.setObjectName(u"PasswordDialog")
        PasswordDialog.resize(380, 200)
        self.main_layout = QVBoxLayout(PasswordDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.reason_label = QLabel(PasswordDialog)
        self.reason_label.setObjectName(u"reason_label")
        self.reason_label.setWordWrap(True)

        self.main_layout.addWidget(self.reason_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.staff_combo_label = QLabel(PasswordDialog)
        self.staff_combo_label.setObjectName(u"staff_combo_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.staff_combo_label)

        self.staff_combo = QComboBox(PasswordDialog)
        self.staff_combo.setObjectName(u"staff_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.staff_combo)

        self.password_edit_label = QLabel(PasswordDialog)
        self.password_edit_label.setObjectName(u"password_edit_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_edit_label)

        self.password_edit = QLineEdit(PasswordDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.password_error = QLabel(PasswordDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)
        self.password_error.setVisible(False)
        self.password_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password_error)


        self.main_layout.addLayout(self.form_layout)

        self.button_box = QDialogButtonBox(PasswordDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.staff_combo_label.setBuddy(self.staff_combo)
        self.password_edit_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PasswordDialog)

        QMetaObject.connectSlotsByName(PasswordDialog)
    # setupUi

    def retranslateUi(self, PasswordDialog):
        PasswordDialog.setWindowTitle(QCoreApplication.translate("PasswordDialog", u"\u9700\u8981\u786e\u8ba4", None))
        self.reason_label.setText("")
        self.staff_combo_label.setText(QCoreApplication.translate("PasswordDialog", u"\u786e\u8ba4\u4eba(&S)", None))
        self.password_edit_label.setText(QCoreApplication.translate("PasswordDialog", u"\u5bc6\u7801(&P)", None))
        self.password_error.setText("")
    # retranslateUi

