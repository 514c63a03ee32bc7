# Generated from ui/contract_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'contract_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ContractDialog(object):
    def setupUi(self, ContractDialog):
        if not ContractDialog.objectName():
            ContractDialog.setObjectName(u"ContractDialog")
        ContractDialog.resize(460, 380)
        self.main_layout = QVBoxLayout(ContractDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.customer_label = QLabel(ContractDialog)
        self.customer_label.setObjectName(u"customer_label")
        self.customer_label.setStyleSheet(u"font-weight: bold;")

        self.main_layout.addWidget(self.customer_label)

        self.renew_label = QLabel(ContractDialog)
        self.renew_label.setObjectName(u"renew_label")
        self.renew_label.setWordWrap(True)
        self.renew_label.setVisible(False)
        self.renew_label.setStyleSheet(u"color: #555;")

        self.main_layout.addWidget(self.renew_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.package_combo_label = QLabel(ContractDialog)
        self.package_combo_label.setObjectName(u"package_combo_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.package_combo_label)

        self.package_combo = QComboBox(ContractDialog)
        self.package_combo.setObjectName(u"package_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.package_combo)

        self.package_error = QLabel(ContractDialog)
        self.package_error.setObjectName(u"package_error")
        self.package_error.setWordWrap(True)
        self.package_error.setVisible(False)
        self.package_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.package_error)

        self.start_date_edit_label = QLabel(ContractDialog)
        self.start_date_edit_label.setObjectName(u"start_date_edit_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.start_date_edit_label)

        self.start_date_edit = QDateEdit(ContractDialog)
        self.start_date_edit.setObjectName(u"start_date_edit")
        self.start_date_edit.setCalendarPopup(True)
        self.start_date_edit.setDisplayFormat(u"yyyy-MM-dd")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.start_date_edit)

        self.start_on_error = QLabel(ContractDialog)
        self.start_on_error.setObjectName(u"start_on_error")
        self.start_on_error.setWordWrap(True)
        self.start_on_error.setVisible(False)
        self.start_on_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.start_on_error)

        self.end_date_edit_label = QLabel(ContractDialog)
        self.end_date_edit_label.setObjectName(u"end_date_edit_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.end_date_edit_label)

        self.end_date_edit = QDateEdit(ContractDialog)
        self.end_date_edit.setObjectName(u"end_date_edit")
        self.end_date_edit.setCalendarPopup(True)
        self.end_date_edit.setDisplayFormat(u"yyyy-MM-dd")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.end_date_edit)

        self.end_on_error = QLabel(ContractDialog)
        self.end_on_error.setObjectName(u"end_on_error")
        self.end_on_error.setWordWrap(True)
        self.end_on_error.setVisible(False)
        self.end_on_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.end_on_error)

        self.price_edit_label = QLabel(ContractDialog)
        self.price_edit_label.setObjectName(u"price_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.price_edit_label)

        self.price_edit = QLineEdit(ContractDialog)
        self.price_edit.setObjectName(u"price_edit")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.price_edit)

        self.price_error = QLabel(ContractDialog)
        self.price_error.setObjectName(u"price_error")
        self.price_error.setWordWrap(True)
        self.price_error.setVisible(False)
        self.price_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.price_error)

        self.notes_edit_label = QLabel(ContractDialog)
        self.notes_edit_label.setObjectName(u"notes_edit_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.notes_edit_label)

        self.notes_edit = QPlainTextEdit(ContractDialog)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumSize(QSize(16777215, 90))

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.notes_edit)

        self.notes_error = QLabel(ContractDialog)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setWordWrap(True)
        self.notes_error.setVisible(False)
        self.notes_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.notes_error)


        self.main_layout.addLayout(self.form_layout)

        self.form_error = QLabel(ContractDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(ContractDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.package_combo_label.setBuddy(self.package_combo)
        self.start_date_edit_label.setBuddy(self.start_date_edit)
        self.end_date_edit_label.setBuddy(self.end_date_edit)
        self.price_edit_label.setBuddy(self.price_edit)
        self.notes_edit_label.setBuddy(self.notes_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.package_combo, self.start_date_edit)
        QWidget.setTabOrder(self.start_date_edit, self.end_date_edit)
        QWidget.setTabOrder(self.end_date_edit, self.price_edit)
        QWidget.setTabOrder(self.price_edit, self.notes_edit)

        self.retranslateUi(ContractDialog)

        QMetaObject.connectSlotsByName(ContractDialog)
    # setupUi

    def retranslateUi(self, ContractDialog):
        ContractDialog.setWindowTitle(QCoreApplication.translate("ContractDialog", u"\u65b0\u5efa\u5408\u540c", None))
        self.customer_label.setText("")
        self.renew_label.setText("")
        self.package_combo_label.setText(QCoreApplication.translate("ContractDialog", u"\u5957\u9910(&P)", None))
        self.package_error.setText("")
        self.start_date_edit_label.setText(QCoreApplication.translate("ContractDialog", u"\u5f00\u59cb\u65e5\u671f(&B)", None))
        self.start_on_error.setText("")
        self.end_date_edit_label.setText(QCoreApplication.translate("ContractDialog", u"\u7ed3\u675f\u65e5\u671f(&E)", None))
        self.end_on_error.setText("")
        self.price_edit_label.setText(QCoreApplication.translate("ContractDialog", u"\u4ef7\u683c\uff08\u5143\uff09(&J)", None))
        self.price_edit.setPlaceholderText(QCoreApplication.translate("ContractDialog", u"\u4f8b\u5982 3600 \u6216 3600.50", None))
        self.price_error.setText("")
        self.notes_edit_label.setText(QCoreApplication.translate("ContractDialog", u"\u5907\u6ce8(&N)", None))
        self.notes_error.setText("")
        self.form_error.setText("")
    # retranslateUi

