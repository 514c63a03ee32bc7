# Generated from ui/staff_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'staff_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_StaffDialog(object):
    def setupUi(self, StaffDialog):
        if not StaffDialog.objectName():
            StaffDialog.setObjectName(u"StaffDialog")
        StaffDialog.resize(400, 320)
        self.main_layout = QVBoxLayout(StaffDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.name_edit_label = QLabel(StaffDialog)
        self.name_edit_label.setObjectName(u"name_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_edit_label)

        self.name_edit = QLineEdit(StaffDialog)
        self.name_edit.setObjectName(u"name_edit")
        self.name_edit.setMaxLength(20)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.name_error = QLabel(StaffDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setWordWrap(True)
        self.name_error.setVisible(False)
        self.name_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.role_combo_label = QLabel(StaffDialog)
        self.role_combo_label.setObjectName(u"role_combo_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.role_combo_label)

        self.role_combo = QComboBox(StaffDialog)
        self.role_combo.setObjectName(u"role_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.role_combo)

        self.role_error = QLabel(StaffDialog)
        self.role_error.setObjectName(u"role_error")
        self.role_error.setWordWrap(True)
        self.role_error.setVisible(False)
        self.role_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.role_error)

        self.password_edit_label = QLabel(StaffDialog)
        self.password_edit_label.setObjectName(u"password_edit_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.password_edit_label)

        self.password_edit = QLineEdit(StaffDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.password_error = QLabel(StaffDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)
        self.password_error.setVisible(False)
        self.password_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.password_error)

        self.password_again_edit_label = QLabel(StaffDialog)
        self.password_again_edit_label.setObjectName(u"password_again_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.password_again_edit_label)

        self.password_again_edit = QLineEdit(StaffDialog)
        self.password_again_edit.setObjectName(u"password_again_edit")
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again_edit.setMaxLength(64)

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.password_again_edit)

        self.password_again_error = QLabel(StaffDialog)
        self.password_again_error.setObjectName(u"password_again_error")
        self.password_again_error.setWordWrap(True)
        self.password_again_error.setVisible(False)
        self.password_again_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.password_again_error)

        self.password_hint_label = QLabel(StaffDialog)
        self.password_hint_label.setObjectName(u"password_hint_label")
        self.password_hint_label.setWordWrap(True)
        self.password_hint_label.setStyleSheet(u"color: #777;")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.password_hint_label)

        self.active_check = QCheckBox(StaffDialog)
        self.active_check.setObjectName(u"active_check")
        self.active_check.setChecked(True)

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.active_check)


        self.main_layout.addLayout(self.form_layout)

        self.form_error = QLabel(StaffDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(StaffDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.name_edit_label.setBuddy(self.name_edit)
        self.role_combo_label.setBuddy(self.role_combo)
        self.password_edit_label.setBuddy(self.password_edit)
        self.password_again_edit_label.setBuddy(self.password_again_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name_edit, self.role_combo)
        QWidget.setTabOrder(self.role_combo, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.password_again_edit)
        QWidget.setTabOrder(self.password_again_edit, self.active_check)

        self.retranslateUi(StaffDialog)

        QMetaObject.connectSlotsByName(StaffDialog)
    # setupUi

    def retranslateUi(self, StaffDialog):
        StaffDialog.setWindowTitle(QCoreApplication.translate("StaffDialog", u"\u5458\u5de5", None))
        self.name_edit_label.setText(QCoreApplication.translate("StaffDialog", u"\u59d3\u540d(&N)*", None))
        self.name_edit.setPlaceholderText(QCoreApplication.translate("StaffDialog", u"\u4f8b\u5982\uff1a\u5c0f\u9648", None))
        self.name_error.setText("")
        self.role_combo_label.setText(QCoreApplication.translate("StaffDialog", u"\u804c\u4f4d(&R)*", None))
        self.role_error.setText("")
        self.password_edit_label.setText(QCoreApplication.translate("StaffDialog", u"\u5bc6\u7801(&P)", None))
        self.password_error.setText("")
        self.password_again_edit_label.setText(QCoreApplication.translate("StaffDialog", u"\u518d\u8f93\u4e00\u6b21(&G)", None))
        self.password_again_error.setText("")
        self.password_hint_label.setText("")
        self.active_check.setText(QCoreApplication.translate("StaffDialog", u"\u5728\u804c(&A)", None))
#if QT_CONFIG(tooltip)
        self.active_check.setToolTip(QCoreApplication.translate("StaffDialog", u"\u79bb\u804c\u7684\u5458\u5de5\u53d6\u6d88\u52fe\u9009\uff1a\u4e0d\u80fd\u518d\u503c\u73ed\u6216\u786e\u8ba4\u64cd\u4f5c\uff0c\u5386\u53f2\u8bb0\u5f55\u4f1a\u4fdd\u7559", None))
#endif // QT_CONFIG(tooltip)
        self.form_error.setText("")
    # retranslateUi

