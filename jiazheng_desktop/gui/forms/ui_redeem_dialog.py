# Generated from ui/redeem_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'redeem_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_RedeemDialog(object):
    def setupUi(self, RedeemDialog):
        if not RedeemDialog.objectName():
            RedeemDialog.setObjectName(u"RedeemDialog")
        RedeemDialog.resize(480, 420)
        self.dialog_layout = QVBoxLayout(RedeemDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.code_edit_label = QLabel(RedeemDialog)
        self.code_edit_label.setObjectName(u"code_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.code_edit_label)

        self.code_layout = QHBoxLayout()
        self.code_layout.setObjectName(u"code_layout")
        self.code_edit = QLineEdit(RedeemDialog)
        self.code_edit.setObjectName(u"code_edit")
        self.code_edit.setMaxLength(20)
        self.code_edit.setClearButtonEnabled(True)

        self.code_layout.addWidget(self.code_edit)

        self.lookup_button = QPushButton(RedeemDialog)
        self.lookup_button.setObjectName(u"lookup_button")

        self.code_layout.addWidget(self.lookup_button)


        self.form_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.code_layout)

        self.code_error = QLabel(RedeemDialog)
        self.code_error.setObjectName(u"code_error")
        self.code_error.setWordWrap(True)
        self.code_error.setVisible(False)
        self.code_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code_error)


        self.dialog_layout.addLayout(self.form_layout)

        self.voucher_box = QGroupBox(RedeemDialog)
        self.voucher_box.setObjectName(u"voucher_box")
        self.voucher_layout = QFormLayout(self.voucher_box)
        self.voucher_layout.setObjectName(u"voucher_layout")
        self.customer_caption = QLabel(self.voucher_box)
        self.customer_caption.setObjectName(u"customer_caption")

        self.voucher_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.customer_caption)

        self.customer_value_label = QLabel(self.voucher_box)
        self.customer_value_label.setObjectName(u"customer_value_label")

        self.voucher_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.customer_value_label)

        self.kind_caption = QLabel(self.voucher_box)
        self.kind_caption.setObjectName(u"kind_caption")

        self.voucher_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kind_caption)

        self.kind_value_label = QLabel(self.voucher_box)
        self.kind_value_label.setObjectName(u"kind_value_label")

        self.voucher_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kind_value_label)

        self.balance_caption = QLabel(self.voucher_box)
        self.balance_caption.setObjectName(u"balance_caption")

        self.voucher_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.balance_caption)

        self.balance_value_label = QLabel(self.voucher_box)
        self.balance_value_label.setObjectName(u"balance_value_label")

        self.voucher_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.balance_value_label)

        self.uses_caption = QLabel(self.voucher_box)
        self.uses_caption.setObjectName(u"uses_caption")

        self.voucher_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.uses_caption)

        self.uses_value_label = QLabel(self.voucher_box)
        self.uses_value_label.setObjectName(u"uses_value_label")

        self.voucher_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.uses_value_label)

        self.valid_until_caption = QLabel(self.voucher_box)
        self.valid_until_caption.setObjectName(u"valid_until_caption")

        self.voucher_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.valid_until_caption)

        self.valid_until_value_label = QLabel(self.voucher_box)
        self.valid_until_value_label.setObjectName(u"valid_until_value_label")

        self.voucher_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.valid_until_value_label)

        self.status_caption = QLabel(self.voucher_box)
        self.status_caption.setObjectName(u"status_caption")

        self.voucher_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.status_caption)

        self.status_value_label = QLabel(self.voucher_box)
        self.status_value_label.setObjectName(u"status_value_label")

        self.voucher_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.status_value_label)

        self.note_caption = QLabel(self.voucher_box)
        self.note_caption.setObjectName(u"note_caption")

        self.voucher_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.note_caption)

        self.note_value_label = QLabel(self.voucher_box)
        self.note_value_label.setObjectName(u"note_value_label")
        self.note_value_label.setWordWrap(True)

        self.voucher_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.note_value_label)


        self.dialog_layout.addWidget(self.voucher_box)

        self.refusal_label = QLabel(RedeemDialog)
        self.refusal_label.setObjectName(u"refusal_label")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setVisible(False)
        self.refusal_label.setStyleSheet(u"color: #c0392b; font-weight: bold;")

        self.dialog_layout.addWidget(self.refusal_label)

        self.record_form_layout = QFormLayout()
        self.record_form_layout.setObjectName(u"record_form_layout")
        self.service_record_combo_label = QLabel(RedeemDialog)
        self.service_record_combo_label.setObjectName(u"service_record_combo_label")

        self.record_form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.service_record_combo_label)

        self.service_record_combo = QComboBox(RedeemDialog)
        self.service_record_combo.setObjectName(u"service_record_combo")

        self.record_form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.service_record_combo)

        self.service_record_error = QLabel(RedeemDialog)
        self.service_record_error.setObjectName(u"service_record_error")
        self.service_record_error.setWordWrap(True)
        self.service_record_error.setVisible(False)
        self.service_record_error.setStyleSheet(u"color: #c0392b;")

        self.record_form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.service_record_error)


        self.dialog_layout.addLayout(self.record_form_layout)

        self.form_error = QLabel(RedeemDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.dialog_layout.addWidget(self.form_error)

        self.button_layout = QHBoxLayout()
        self.button_layout.setObjectName(u"button_layout")
        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_layout.addItem(self.button_spacer)

        self.redeem_button = QPushButton(RedeemDialog)
        self.redeem_button.setObjectName(u"redeem_button")
        self.redeem_button.setEnabled(False)

        self.button_layout.addWidget(self.redeem_button)

        self.close_button = QPushButton(RedeemDialog)
        self.close_button.setObjectName(u"close_button")

        self.button_layout.addWidget(self.close_button)


        self.dialog_layout.addLayout(self.button_layout)

#if QT_CONFIG(shortcut)
        self.code_edit_label.setBuddy(self.code_edit)
        self.service_record_combo_label.setBuddy(self.service_record_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.code_edit, self.lookup_button)
        QWidget.setTabOrder(self.lookup_button, self.service_record_combo)
        QWidget.setTabOrder(self.service_record_combo, self.redeem_button)
        QWidget.setTabOrder(self.redeem_button, self.close_button)

        self.retranslateUi(RedeemDialog)

        QMetaObject.connectSlotsByName(RedeemDialog)
    # setupUi

    def retranslateUi(self, RedeemDialog):
        RedeemDialog.setWindowTitle(QCoreApplication.translate("RedeemDialog", u"\u6838\u9500\u4f18\u60e0\u5238", None))
        self.code_edit_label.setText(QCoreApplication.translate("RedeemDialog", u"\u5238\u7801(&C)*", None))
        self.code_edit.setPlaceholderText(QCoreApplication.translate("RedeemDialog", u"\u4f8b\u5982 7KQ9-M3XP\uff0c\u5927\u5c0f\u5199\u3001\u7a7a\u683c\u90fd\u53ef\u4ee5", None))
        self.lookup_button.setText(QCoreApplication.translate("RedeemDialog", u"\u67e5\u8be2(&Q)", None))
#if QT_CONFIG(tooltip)
        self.lookup_button.setToolTip(QCoreApplication.translate("RedeemDialog", u"\u6309\u5238\u7801\u67e5\u51fa\u8fd9\u5f20\u5238\uff08\u4e5f\u53ef\u5728\u5238\u7801\u6846\u91cc\u6309\u56de\u8f66\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.code_error.setText("")
        self.voucher_box.setTitle(QCoreApplication.translate("RedeemDialog", u"\u8fd9\u5f20\u5238", None))
        self.customer_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u5ba2\u6237", None))
        self.customer_value_label.setText("")
        self.kind_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u79cd\u7c7b", None))
        self.kind_value_label.setText("")
        self.balance_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u4f59\u989d", None))
        self.balance_value_label.setText("")
        self.uses_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u5269\u4f59\u6b21\u6570", None))
        self.uses_value_label.setText("")
        self.valid_until_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u6709\u6548\u671f\u81f3", None))
        self.valid_until_value_label.setText("")
        self.status_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u72b6\u6001", None))
        self.status_value_label.setText("")
        self.note_caption.setText(QCoreApplication.translate("RedeemDialog", u"\u4f7f\u7528\u8bf4\u660e", None))
        self.note_value_label.setText("")
        self.refusal_label.setText("")
        self.service_record_combo_label.setText(QCoreApplication.translate("RedeemDialog", u"\u7528\u5728\u54ea\u6b21\u670d\u52a1(&S)*", None))
#if QT_CONFIG(tooltip)
        self.service_record_combo.setToolTip(QCoreApplication.translate("RedeemDialog", u"\u8fd9\u4f4d\u5ba2\u6237\u6700\u8fd1\u7684\u670d\u52a1\u8bb0\u5f55\uff0c\u9009\u8fd9\u6b21\u62b5\u6263\u7684\u90a3\u4e00\u6b21", None))
#endif // QT_CONFIG(tooltip)
        self.service_record_error.setText("")
        self.form_error.setText("")
        self.redeem_button.setText(QCoreApplication.translate("RedeemDialog", u"\u6838\u9500(&R)", None))
#if QT_CONFIG(tooltip)
        self.redeem_button.setToolTip(QCoreApplication.translate("RedeemDialog", u"\u7528\u8fd9\u5f20\u5238\u62b5\u6263\u6240\u9009\u7684\u8fd9\u6b21\u670d\u52a1", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("RedeemDialog", u"\u5173\u95ed", None))
    # retranslateUi

