# Generated from ui/voucher_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'voucher_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_VoucherDialog(object):
    def setupUi(self, VoucherDialog):
        if not VoucherDialog.objectName():
            VoucherDialog.setObjectName(u"VoucherDialog")
        VoucherDialog.resize(520, 420)
        self.dialog_layout = QVBoxLayout(VoucherDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.customer_search_edit_label = QLabel(VoucherDialog)
        self.customer_search_edit_label.setObjectName(u"customer_search_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.customer_search_edit_label)

        self.customer_layout = QVBoxLayout()
        self.customer_layout.setObjectName(u"customer_layout")
        self.customer_search_layout = QHBoxLayout()
        self.customer_search_layout.setObjectName(u"customer_search_layout")
        self.customer_search_edit = QLineEdit(VoucherDialog)
        self.customer_search_edit.setObjectName(u"customer_search_edit")
        self.customer_search_edit.setClearButtonEnabled(True)

        self.customer_search_layout.addWidget(self.customer_search_edit)

        self.customer_change_button = QPushButton(VoucherDialog)
        self.customer_change_button.setObjectName(u"customer_change_button")
        self.customer_change_button.setVisible(False)

        self.customer_search_layout.addWidget(self.customer_change_button)


        self.customer_layout.addLayout(self.customer_search_layout)

        self.customer_result_list = QListWidget(VoucherDialog)
        self.customer_result_list.setObjectName(u"customer_result_list")
        self.customer_result_list.setMaximumSize(QSize(16777215, 130))

        self.customer_layout.addWidget(self.customer_result_list)

        self.customer_hint_label = QLabel(VoucherDialog)
        self.customer_hint_label.setObjectName(u"customer_hint_label")
        self.customer_hint_label.setStyleSheet(u"color: #777;")

        self.customer_layout.addWidget(self.customer_hint_label)


        self.form_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.customer_layout)

        self.customer_error = QLabel(VoucherDialog)
        self.customer_error.setObjectName(u"customer_error")
        self.customer_error.setWordWrap(True)
        self.customer_error.setVisible(False)
        self.customer_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.customer_error)

        self.kind_combo_label = QLabel(VoucherDialog)
        self.kind_combo_label.setObjectName(u"kind_combo_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kind_combo_label)

        self.kind_combo = QComboBox(VoucherDialog)
        self.kind_combo.setObjectName(u"kind_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kind_combo)

        self.kind_error = QLabel(VoucherDialog)
        self.kind_error.setObjectName(u"kind_error")
        self.kind_error.setWordWrap(True)
        self.kind_error.setVisible(False)
        self.kind_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.kind_error)

        self.total_edit_label = QLabel(VoucherDialog)
        self.total_edit_label.setObjectName(u"total_edit_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.total_edit_label)

        self.total_edit = QLineEdit(VoucherDialog)
        self.total_edit.setObjectName(u"total_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.total_edit)

        self.total_error = QLabel(VoucherDialog)
        self.total_error.setObjectName(u"total_error")
        self.total_error.setWordWrap(True)
        self.total_error.setVisible(False)
        self.total_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.total_error)

        self.uses_spin_label = QLabel(VoucherDialog)
        self.uses_spin_label.setObjectName(u"uses_spin_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.uses_spin_label)

        self.uses_layout = QHBoxLayout()
        self.uses_layout.setObjectName(u"uses_layout")
        self.uses_spin = QSpinBox(VoucherDialog)
        self.uses_spin.setObjectName(u"uses_spin")
        self.uses_spin.setMinimum(1)
        self.uses_spin.setMaximum(12)

        self.uses_layout.addWidget(self.uses_spin)

        self.per_use_label = QLabel(VoucherDialog)
        self.per_use_label.setObjectName(u"per_use_label")
        self.per_use_label.setStyleSheet(u"color: #777;")

        self.uses_layout.addWidget(self.per_use_label)

        self.uses_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.uses_layout.addItem(self.uses_spacer)


        self.form_layout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.uses_layout)

        self.uses_error = QLabel(VoucherDialog)
        self.uses_error.setObjectName(u"uses_error")
        self.uses_error.setWordWrap(True)
        self.uses_error.setVisible(False)
        self.uses_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.uses_error)

        self.valid_until_edit_label = QLabel(VoucherDialog)
        self.valid_until_edit_label.setObjectName(u"valid_until_edit_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.valid_until_edit_label)

        self.valid_until_edit = QDateEdit(VoucherDialog)
        self.valid_until_edit.setObjectName(u"valid_until_edit")
        self.valid_until_edit.setCalendarPopup(True)
        self.valid_until_edit.setDisplayFormat(u"yyyy-MM-dd")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.valid_until_edit)

        self.valid_until_error = QLabel(VoucherDialog)
        self.valid_until_error.setObjectName(u"valid_until_error")
        self.valid_until_error.setWordWrap(True)
        self.valid_until_error.setVisible(False)
        self.valid_until_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.valid_until_error)

        self.usage_note_edit_label = QLabel(VoucherDialog)
        self.usage_note_edit_label.setObjectName(u"usage_note_edit_label")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.usage_note_edit_label)

        self.usage_note_edit = QLineEdit(VoucherDialog)
        self.usage_note_edit.setObjectName(u"usage_note_edit")
        self.usage_note_edit.setMaxLength(200)

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.usage_note_edit)

        self.usage_note_error = QLabel(VoucherDialog)
        self.usage_note_error.setObjectName(u"usage_note_error")
        self.usage_note_error.setWordWrap(True)
        self.usage_note_error.setVisible(False)
        self.usage_note_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.usage_note_error)

        self.incident_edit_label = QLabel(VoucherDialog)
        self.incident_edit_label.setObjectName(u"incident_edit_label")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.incident_edit_label)

        self.incident_edit = QLineEdit(VoucherDialog)
        self.incident_edit.setObjectName(u"incident_edit")
        self.incident_edit.setMaxLength(20)

        self.form_layout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.incident_edit)

        self.incident_error = QLabel(VoucherDialog)
        self.incident_error.setObjectName(u"incident_error")
        self.incident_error.setWordWrap(True)
        self.incident_error.setVisible(False)
        self.incident_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.incident_error)


        self.dialog_layout.addLayout(self.form_layout)

        self.form_error = QLabel(VoucherDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.dialog_layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(VoucherDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.customer_search_edit_label.setBuddy(self.customer_search_edit)
        self.kind_combo_label.setBuddy(self.kind_combo)
        self.total_edit_label.setBuddy(self.total_edit)
        self.uses_spin_label.setBuddy(self.uses_spin)
        self.valid_until_edit_label.setBuddy(self.valid_until_edit)
        self.usage_note_edit_label.setBuddy(self.usage_note_edit)
        self.incident_edit_label.setBuddy(self.incident_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.customer_search_edit, self.customer_result_list)
        QWidget.setTabOrder(self.customer_result_list, self.customer_change_button)
        QWidget.setTabOrder(self.customer_change_button, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.total_edit)
        QWidget.setTabOrder(self.total_edit, self.uses_spin)
        QWidget.setTabOrder(self.uses_spin, self.valid_until_edit)
        QWidget.setTabOrder(self.valid_until_edit, self.usage_note_edit)
        QWidget.setTabOrder(self.usage_note_edit, self.incident_edit)

        self.retranslateUi(VoucherDialog)

        QMetaObject.connectSlotsByName(VoucherDialog)
    # setupUi

    def retranslateUi(self, VoucherDialog):
        VoucherDialog.setWindowTitle(QCoreApplication.translate("VoucherDialog", u"\u53d1\u5238", None))
        self.customer_search_edit_label.setText(QCoreApplication.translate("VoucherDialog", u"\u5ba2\u6237(&U)*", None))
        self.customer_search_edit.setPlaceholderText(QCoreApplication.translate("VoucherDialog", u"\u8f93\u5165\u59d3\u540d\u3001\u7535\u8bdd\u6216\u62fc\u97f3\u9996\u5b57\u6bcd\uff0c\u4f8b\u5982 wxs", None))
        self.customer_change_button.setText(QCoreApplication.translate("VoucherDialog", u"\u66f4\u6362(&G)", None))
#if QT_CONFIG(tooltip)
        self.customer_change_button.setToolTip(QCoreApplication.translate("VoucherDialog", u"\u6362\u4e00\u4f4d\u5ba2\u6237", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.customer_result_list.setToolTip(QCoreApplication.translate("VoucherDialog", u"\u7528 \u2191 \u2193 \u9009\u62e9\uff0c\u6309\u56de\u8f66\u6216\u53cc\u51fb\u786e\u5b9a", None))
#endif // QT_CONFIG(tooltip)
        self.customer_hint_label.setText("")
        self.customer_error.setText("")
        self.kind_combo_label.setText(QCoreApplication.translate("VoucherDialog", u"\u79cd\u7c7b(&K)*", None))
        self.kind_error.setText("")
        self.total_edit_label.setText(QCoreApplication.translate("VoucherDialog", u"\u91d1\u989d\uff08\u5143\uff09(&A)*", None))
        self.total_edit.setPlaceholderText(QCoreApplication.translate("VoucherDialog", u"\u4f8b\u5982 200 \u6216 199.50", None))
#if QT_CONFIG(tooltip)
        self.total_edit.setToolTip(QCoreApplication.translate("VoucherDialog", u"\u8fd9\u5f20\u5238\u603b\u5171\u53ef\u62b5\u6263\u7684\u91d1\u989d\uff0c\u5355\u4f4d\uff1a\u5143", None))
#endif // QT_CONFIG(tooltip)
        self.total_error.setText("")
        self.uses_spin_label.setText(QCoreApplication.translate("VoucherDialog", u"\u4f7f\u7528\u6b21\u6570(&T)", None))
        self.uses_spin.setSuffix(QCoreApplication.translate("VoucherDialog", u" \u6b21", None))
#if QT_CONFIG(tooltip)
        self.uses_spin.setToolTip(QCoreApplication.translate("VoucherDialog", u"\u5206\u51e0\u6b21\u7528\u5b8c\uff0c\u4f8b\u5982 \u00a5200 \u5206 2 \u6b21 = \u6bcf\u6b21\u62b5\u6263 \u00a5100", None))
#endif // QT_CONFIG(tooltip)
        self.per_use_label.setText("")
        self.uses_error.setText("")
        self.valid_until_edit_label.setText(QCoreApplication.translate("VoucherDialog", u"\u6709\u6548\u671f\u81f3(&V)*", None))
#if QT_CONFIG(tooltip)
        self.valid_until_edit.setToolTip(QCoreApplication.translate("VoucherDialog", u"\u8fd9\u4e00\u5929\u5f53\u5929\u4ecd\u53ef\u4f7f\u7528", None))
#endif // QT_CONFIG(tooltip)
        self.valid_until_error.setText("")
        self.usage_note_edit_label.setText(QCoreApplication.translate("VoucherDialog", u"\u4f7f\u7528\u8bf4\u660e(&M)", None))
        self.usage_note_error.setText("")
        self.incident_edit_label.setText(QCoreApplication.translate("VoucherDialog", u"\u5173\u8054\u6295\u8bc9(&L)", None))
        self.incident_edit.setPlaceholderText(QCoreApplication.translate("VoucherDialog", u"\u9009\u586b\uff1a\u6295\u8bc9\u7f16\u53f7\uff0c\u4f8b\u5982 SJ-2026-0042\uff08\u5370\u5728\u5b83\u7684\u8865\u507f\u901a\u77e5\u4e66\u4e0a\uff09", None))
        self.incident_error.setText("")
        self.form_error.setText("")
    # retranslateUi

