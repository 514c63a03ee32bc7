# Generated from ui/scripts_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'scripts_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ScriptsPage(object):
    def setupUi(self, ScriptsPage):
        if not ScriptsPage.objectName():
            ScriptsPage.setObjectName(u"ScriptsPage")
        ScriptsPage.resize(1100, 700)
        self.page_layout = QVBoxLayout(ScriptsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.splitter = QSplitter(ScriptsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.list_panel = QWidget(self.splitter)
        self.list_panel.setObjectName(u"list_panel")
        self.list_layout = QVBoxLayout(self.list_panel)
        self.list_layout.setObjectName(u"list_layout")
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.filter_combo_layout = QHBoxLayout()
        self.filter_combo_layout.setObjectName(u"filter_combo_layout")
        self.scenario_filter_combo = QComboBox(self.list_panel)
        self.scenario_filter_combo.setObjectName(u"scenario_filter_combo")

        self.filter_combo_layout.addWidget(self.scenario_filter_combo)

        self.channel_filter_combo = QComboBox(self.list_panel)
        self.channel_filter_combo.setObjectName(u"channel_filter_combo")

        self.filter_combo_layout.addWidget(self.channel_filter_combo)


        self.list_layout.addLayout(self.filter_combo_layout)

        self.filter_edit = QLineEdit(self.list_panel)
        self.filter_edit.setObjectName(u"filter_edit")
        self.filter_edit.setClearButtonEnabled(True)

        self.list_layout.addWidget(self.filter_edit)

        self.template_table = QTableWidget(self.list_panel)
        self.template_table.setObjectName(u"template_table")
        self.template_table.setAlternatingRowColors(True)
        self.template_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.template_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.template_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.template_table.setWordWrap(False)

        self.list_layout.addWidget(self.template_table)

        self.list_button_layout = QHBoxLayout()
        self.list_button_layout.setObjectName(u"list_button_layout")
        self.count_label = QLabel(self.list_panel)
        self.count_label.setObjectName(u"count_label")

        self.list_button_layout.addWidget(self.count_label)

        self.list_button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.list_button_layout.addItem(self.list_button_spacer)

        self.new_button = QPushButton(self.list_panel)
        self.new_button.setObjectName(u"new_button")

        self.list_button_layout.addWidget(self.new_button)


        self.list_layout.addLayout(self.list_button_layout)

        self.splitter.addWidget(self.list_panel)
        self.editor_panel = QWidget(self.splitter)
        self.editor_panel.setObjectName(u"editor_panel")
        self.editor_layout = QVBoxLayout(self.editor_panel)
        self.editor_layout.setObjectName(u"editor_layout")
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        self.editor_title_label = QLabel(self.editor_panel)
        self.editor_title_label.setObjectName(u"editor_title_label")
        self.editor_title_label.setStyleSheet(u"font-weight: bold;")

        self.editor_layout.addWidget(self.editor_title_label)

        self.editor_form_layout = QFormLayout()
        self.editor_form_layout.setObjectName(u"editor_form_layout")
        self.scenario_combo_label = QLabel(self.editor_panel)
        self.scenario_combo_label.setObjectName(u"scenario_combo_label")

        self.editor_form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.scenario_combo_label)

        self.scenario_combo = QComboBox(self.editor_panel)
        self.scenario_combo.setObjectName(u"scenario_combo")

        self.editor_form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.scenario_combo)

        self.scenario_error = QLabel(self.editor_panel)
        self.scenario_error.setObjectName(u"scenario_error")
        self.scenario_error.setWordWrap(True)
        self.scenario_error.setVisible(False)
        self.scenario_error.setStyleSheet(u"color: #c0392b;")

        self.editor_form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.scenario_error)

        self.channel_combo_label = QLabel(self.editor_panel)
        self.channel_combo_label.setObjectName(u"channel_combo_label")

        self.editor_form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.channel_combo_label)

        self.channel_combo = QComboBox(self.editor_panel)
        self.channel_combo.setObjectName(u"channel_combo")

        self.editor_form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.channel_combo)

        self.channel_error = QLabel(self.editor_panel)
        self.channel_error.setObjectName(u"channel_error")
        self.channel_error.setWordWrap(True)
        self.channel_error.setVisible(False)
        self.channel_error.setStyleSheet(u"color: #c0392b;")

        self.editor_form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.channel_error)

        self.title_edit_label = QLabel(self.editor_panel)
        self.title_edit_label.setObjectName(u"title_edit_label")

        self.editor_form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.title_edit_label)

        self.title_edit = QLineEdit(self.editor_panel)
        self.title_edit.setObjectName(u"title_edit")
        self.title_edit.setMaxLength(60)

        self.editor_form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.title_edit)

        self.title_error = QLabel(self.editor_panel)
        self.title_error.setObjectName(u"title_error")
        self.title_error.setWordWrap(True)
        self.title_error.setVisible(False)
        self.title_error.setStyleSheet(u"color: #c0392b;")

        self.editor_form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.title_error)

        self.body_edit_label = QLabel(self.editor_panel)
        self.body_edit_label.setObjectName(u"body_edit_label")

        self.editor_form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.body_edit_label)

        self.body_edit = QPlainTextEdit(self.editor_panel)
        self.body_edit.setObjectName(u"body_edit")
        self.body_edit.setTabChangesFocus(True)

        self.editor_form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.body_edit)

        self.body_error = QLabel(self.editor_panel)
        self.body_error.setObjectName(u"body_error")
        self.body_error.setWordWrap(True)
        self.body_error.setVisible(False)
        self.body_error.setStyleSheet(u"color: #c0392b;")

        self.editor_form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.body_error)


        self.editor_layout.addLayout(self.editor_form_layout)

        self.helper_layout = QHBoxLayout()
        self.helper_layout.setObjectName(u"helper_layout")
        self.placeholder_group = QGroupBox(self.editor_panel)
        self.placeholder_group.setObjectName(u"placeholder_group")
        self.placeholder_layout = QVBoxLayout(self.placeholder_group)
        self.placeholder_layout.setObjectName(u"placeholder_layout")
        self.placeholder_list = QListWidget(self.placeholder_group)
        self.placeholder_list.setObjectName(u"placeholder_list")

        self.placeholder_layout.addWidget(self.placeholder_list)

        self.insert_button = QPushButton(self.placeholder_group)
        self.insert_button.setObjectName(u"insert_button")

        self.placeholder_layout.addWidget(self.insert_button)


        self.helper_layout.addWidget(self.placeholder_group)

        self.preview_group = QGroupBox(self.editor_panel)
        self.preview_group.setObjectName(u"preview_group")
        self.preview_layout = QVBoxLayout(self.preview_group)
        self.preview_layout.setObjectName(u"preview_layout")
        self.preview_edit = QPlainTextEdit(self.preview_group)
        self.preview_edit.setObjectName(u"preview_edit")
        self.preview_edit.setReadOnly(True)
        self.preview_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.preview_layout.addWidget(self.preview_edit)

        self.preview_hint_label = QLabel(self.preview_group)
        self.preview_hint_label.setObjectName(u"preview_hint_label")
        self.preview_hint_label.setWordWrap(True)
        self.preview_hint_label.setStyleSheet(u"color: #777;")

        self.preview_layout.addWidget(self.preview_hint_label)


        self.helper_layout.addWidget(self.preview_group)


        self.editor_layout.addLayout(self.helper_layout)

        self.form_error = QLabel(self.editor_panel)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.editor_layout.addWidget(self.form_error)

        self.editor_button_layout = QHBoxLayout()
        self.editor_button_layout.setObjectName(u"editor_button_layout")
        self.state_label = QLabel(self.editor_panel)
        self.state_label.setObjectName(u"state_label")
        self.state_label.setStyleSheet(u"color: #777;")

        self.editor_button_layout.addWidget(self.state_label)

        self.editor_button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.editor_button_layout.addItem(self.editor_button_spacer)

        self.delete_button = QPushButton(self.editor_panel)
        self.delete_button.setObjectName(u"delete_button")

        self.editor_button_layout.addWidget(self.delete_button)

        self.save_button = QPushButton(self.editor_panel)
        self.save_button.setObjectName(u"save_button")

        self.editor_button_layout.addWidget(self.save_button)


        self.editor_layout.addLayout(self.editor_button_layout)

        self.splitter.addWidget(self.editor_panel)

        self.page_layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.scenario_combo_label.setBuddy(self.scenario_combo)
        self.channel_combo_label.setBuddy(self.channel_combo)
        self.title_edit_label.setBuddy(self.title_edit)
        self.body_edit_label.setBuddy(self.body_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.scenario_filter_combo, self.channel_filter_combo)
        QWidget.setTabOrder(self.channel_filter_combo, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.template_table)
        QWidget.setTabOrder(self.template_table, self.new_button)
        QWidget.setTabOrder(self.new_button, self.scenario_combo)
        QWidget.setTabOrder(self.scenario_combo, self.channel_combo)
        QWidget.setTabOrder(self.channel_combo, self.title_edit)
        QWidget.setTabOrder(self.title_edit, self.body_edit)
        QWidget.setTabOrder(self.body_edit, self.placeholder_list)
        QWidget.setTabOrder(self.placeholder_list, self.insert_button)
        QWidget.setTabOrder(self.insert_button, self.preview_edit)
        QWidget.setTabOrder(self.preview_edit, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.save_button)

        self.retranslateUi(ScriptsPage)

        QMetaObject.connectSlotsByName(ScriptsPage)
    # setupUi

    def retranslateUi(self, ScriptsPage):
#if QT_CONFIG(tooltip)
        self.scenario_filter_combo.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u53ea\u770b\u67d0\u4e2a\u573a\u666f\u7684\u8bdd\u672f", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.channel_filter_combo.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u53ea\u770b\u67d0\u4e2a\u6e20\u9053\u7684\u8bdd\u672f", None))
#endif // QT_CONFIG(tooltip)
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("ScriptsPage", u"\u7b5b\u9009\uff1a\u6807\u9898\u6216\u6b63\u6587\u91cc\u7684\u5b57", None))
        self.count_label.setText("")
        self.new_button.setText(QCoreApplication.translate("ScriptsPage", u"\u65b0\u5efa(&N)", None))
#if QT_CONFIG(tooltip)
        self.new_button.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u5199\u4e00\u6761\u65b0\u7684\u8bdd\u672f\uff08Ctrl+N\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.editor_title_label.setText("")
        self.scenario_combo_label.setText(QCoreApplication.translate("ScriptsPage", u"\u573a\u666f(&J)*", None))
        self.scenario_error.setText("")
        self.channel_combo_label.setText(QCoreApplication.translate("ScriptsPage", u"\u6e20\u9053(&Q)*", None))
        self.channel_error.setText("")
        self.title_edit_label.setText(QCoreApplication.translate("ScriptsPage", u"\u6807\u9898(&T)*", None))
#if QT_CONFIG(tooltip)
        self.title_edit.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u6807\u9898\u91cc\u5199\u4e0a\u6295\u8bc9\u7c7b\u522b\uff08\u4f8b\u5982\u201c\u6c34\u7ba1\u7206\u88c2\u201d\u201c\u8fdf\u5230\u201d\u201c\u7269\u54c1\u635f\u574f\u201d\uff09\u6216\u201c\u5347\u7ea7\u201d\u201cVIP\u201d\uff1a\u9047\u5230\u8fd9\u7c7b\u6295\u8bc9\u6216\u5ba2\u6237\u65f6\uff0c\u8fd9\u6761\u8bdd\u672f\u6392\u5728\u6700\u524d\u9762", None))
#endif // QT_CONFIG(tooltip)
        self.title_edit.setPlaceholderText(QCoreApplication.translate("ScriptsPage", u"\u4f8b\u5982\uff1a\u6c34\u7ba1\u7206\u88c2\uff0c\u5148\u5b89\u629a\u518d\u6d3e\u5e08\u5085", None))
        self.title_error.setText("")
        self.body_edit_label.setText(QCoreApplication.translate("ScriptsPage", u"\u6b63\u6587(&B)*", None))
        self.body_edit.setPlaceholderText(QCoreApplication.translate("ScriptsPage", u"\u8981\u8bf4\u7684\u8bdd\u3002\u5ba2\u6237\u7684\u540d\u5b57\u7b49\u5199\u6210\u5360\u4f4d\u7b26\uff0c\u4f8b\u5982 {\u79f0\u547c}\u60a8\u597d", None))
        self.body_error.setText("")
        self.placeholder_group.setTitle(QCoreApplication.translate("ScriptsPage", u"\u5360\u4f4d\u7b26", None))
#if QT_CONFIG(tooltip)
        self.placeholder_list.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u53cc\u51fb\u6216\u6309\u201c\u63d2\u5165\u201d\uff0c\u628a\u5360\u4f4d\u7b26\u653e\u5230\u6b63\u6587\u7684\u5149\u6807\u5904", None))
#endif // QT_CONFIG(tooltip)
        self.insert_button.setText(QCoreApplication.translate("ScriptsPage", u"\u63d2\u5165\u5230\u6b63\u6587(&I)", None))
        self.preview_group.setTitle(QCoreApplication.translate("ScriptsPage", u"\u9884\u89c8\uff08\u793a\u4f8b\u6570\u636e\uff09", None))
        self.preview_hint_label.setText("")
        self.form_error.setText("")
        self.state_label.setText("")
        self.delete_button.setText(QCoreApplication.translate("ScriptsPage", u"\u5220\u9664(&D)", None))
#if QT_CONFIG(tooltip)
        self.delete_button.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u5220\u9664\u8fd9\u6761\u8bdd\u672f\uff08\u4f1a\u5148\u95ee\u60a8\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.save_button.setText(QCoreApplication.translate("ScriptsPage", u"\u4fdd\u5b58(&S)", None))
#if QT_CONFIG(tooltip)
        self.save_button.setToolTip(QCoreApplication.translate("ScriptsPage", u"\u4fdd\u5b58\u8fd9\u6761\u8bdd\u672f\uff08Ctrl+S\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

