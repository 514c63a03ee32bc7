# Generated from ui/setup_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_SetupDialog(object):
    def setupUi(self, SetupDialog):
        if not SetupDialog.objectName():
            SetupDialog.setObjectName(u"SetupDialog")
        SetupDialog.resize(460, 360)
        self.main_layout = QVBoxLayout(SetupDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(SetupDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.agency_name_edit_label = QLabel(SetupDialog)
        self.agency_name_edit_label.setObjectName(u"agency_name_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.agency_name_edit_label)

        self.agency_name_edit = QLineEdit(SetupDialog)
        self.agency_name_edit.setObjectName(u"agency_name_edit")
        self.agency_name_edit.setMaxLength(40)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.agency_name_edit)

        self.name_error = QLabel(SetupDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setWordWrap(True)
        self.name_error.setVisible(False)
        self.name_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.agency_address_edit_label = QLabel(SetupDialog)
        self.agency_address_edit_label.setObjectName(u"agency_address_edit_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.agency_address_edit_label)

        self.agency_address_edit = QLineEdit(SetupDialog)
        self.agency_address_edit.setObjectName(u"agency_address_edit")
        self.agency_address_edit.setMaxLength(120)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.agency_address_edit)

        self.address_error = QLabel(SetupDialog)
        self.address_error.setObjectName(u"address_error")
        self.address_error.setWordWrap(True)
        self.address_error.setVisible(False)
        self.address_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.address_error)

        self.agency_phone_edit_label = QLabel(SetupDialog)
        self.agency_phone_edit_label.setObjectName(u"agency_phone_edit_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.agency_phone_edit_label)

        self.agency_phone_edit = QLineEdit(SetupDialog)
        self.agency_phone_edit.setObjectName(u"agency_phone_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.agency_phone_edit)

        self.phone_error = QLabel(SetupDialog)
        self.phone_error.setObjectName(u"phone_error")
        self.phone_error.setWordWrap(True)
        self.phone_error.setVisible(False)
        self.phone_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phone_error)

        self.owner_name_edit_label = QLabel(SetupDialog)
        self.owner_name_edit_label.setObjectName(u"owner_name_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.owner_name_edit_label)

        self.owner_name_edit = QLineEdit(SetupDialog)
        self.owner_name_edit.setObjectName(u"owner_name_edit")
        self.owner_name_edit.setMaxLength(20)

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.owner_name_edit)

        self.owner_name_error = QLabel(SetupDialog)
        self.owner_name_error.setObjectName(u"owner_name_error")
        self.owner_name_error.setWordWrap(True)
        self.owner_name_error.setVisible(False)
        self.owner_name_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.owner_name_error)

        self.password_edit_label = QLabel(SetupDialog)
        self.password_edit_label.setObjectName(u"password_edit_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.password_edit_label)

        self.password_edit = QLineEdit(SetupDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.password_error = QLabel(SetupDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)
        self.password_error.setVisible(False)
        self.password_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.password_error)

        self.password_again_edit_label = QLabel(SetupDialog)
        self.password_again_edit_label.setObjectName(u"password_again_edit_label")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.password_again_edit_label)

        self.password_again_edit = QLineEdit(SetupDialog)
        self.password_again_edit.setObjectName(u"password_again_edit")
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.password_again_edit)

        self.password_again_error = QLabel(SetupDialog)
        self.password_again_error.setObjectName(u"password_again_error")
        self.password_again_error.setWordWrap(True)
        self.password_again_error.setVisible(False)
        self.password_again_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.password_again_error)


        self.main_layout.addLayout(self.form_layout)

        self.vspacer_140067486262080 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.vspacer_140067486262080)

        self.button_box = QDialogButtonBox(SetupDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.agency_name_edit_label.setBuddy(self.agency_name_edit)
        self.agency_address_edit_label.setBuddy(self.agency_address_edit)
        self.agency_phone_edit_label.setBuddy(self.agency_phone_edit)
        self.owner_name_edit_label.setBuddy(self.owner_name_edit)
        self.password_edit_label.setBuddy(self.password_edit)
        self.password_again_edit_label.setBuddy(self.password_again_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SetupDialog)

        QMetaObject.connectSlotsByName(SetupDialog)
    # setupUi

    def retranslateUi(self, SetupDialog):
        SetupDialog.setWindowTitle(QCoreApplication.translate("SetupDialog", u"\u6b22\u8fce\u4f7f\u7528\u5bb6\u653f\u670d\u52a1\u53f0", None))
        self.intro_label.setText(QCoreApplication.translate("SetupDialog", u"\u8fd9\u662f\u4e00\u4e2a\u65b0\u7684\u6570\u636e\u6587\u4ef6\u3002\u8bf7\u586b\u5199\u516c\u53f8\u4fe1\u606f\uff0c\u5e76\u8bbe\u7f6e\u5e97\u4e3b\u8d26\u53f7\uff1a\u5e97\u4e3b\u7684\u5bc6\u7801\u7528\u4e8e\u786e\u8ba4\u8865\u507f\u3001\u4fee\u6539\u8bbe\u7f6e\u7b49\u91cd\u8981\u64cd\u4f5c\u3002", None))
        self.agency_name_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u516c\u53f8\u540d\u79f0(&C)*", None))
        self.name_error.setText("")
        self.agency_address_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u516c\u53f8\u5730\u5740", None))
        self.address_error.setText("")
        self.agency_phone_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u516c\u53f8\u7535\u8bdd", None))
        self.phone_error.setText("")
        self.owner_name_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u5e97\u4e3b\u59d3\u540d(&O)*", None))
        self.owner_name_error.setText("")
        self.password_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u5e97\u4e3b\u5bc6\u7801(&W)*", None))
        self.password_error.setText("")
        self.password_again_edit_label.setText(QCoreApplication.translate("SetupDialog", u"\u518d\u8f93\u4e00\u6b21*", None))
        self.password_again_error.setText("")
    # retranslateUi

