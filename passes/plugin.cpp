// plugin.cpp — registration shim of libbulwark-pass.so.  No logic lives
// here: it registers the two stages with LLVM's new pass manager, wraps the
// module for the C core (passes/pass_core.c) and turns the core's remarks
// into LLVM optimisation remarks (-Rpass-missed=bulwark).
#include <llvm/Config/llvm-config.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instruction.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/PassPlugin.h>
#include <llvm/Transforms/IPO/AlwaysInliner.h>
#if LLVM_VERSION_MAJOR >= 14
#include <llvm/Passes/OptimizationLevel.h>
#endif

#include "bulwark/pass.h"

#ifndef BW_VERSION
#define BW_VERSION "0.0.0"
#endif

namespace {

void emit_remark(void *, LLVMValueRef at, const char *name, const char *msg)
{
    llvm::Value *v = llvm::unwrap(at);
    if (auto *inst = llvm::dyn_cast<llvm::Instruction>(v)) {
        llvm::OptimizationRemarkMissed r("bulwark", name, inst);
        r << msg;
        inst->getContext().diagnose(r);
    } else if (auto *fn = llvm::dyn_cast<llvm::Function>(v)) {
        if (fn->empty())
            return;
        llvm::OptimizationRemarkMissed r("bulwark", name, llvm::DiagnosticLocation(fn->getSubprogram()),
                                         &fn->getEntryBlock());
        r << msg;
        fn->getContext().diagnose(r);
    }
}

template <bw_pass_stage Stage>
struct BulwarkPass : llvm::PassInfoMixin<BulwarkPass<Stage>> {
    llvm::PreservedAnalyses run(llvm::Module &m, llvm::ModuleAnalysisManager &)
    {
        bw_pass_config cfg;
        bw_pass_config_from_env(&cfg);
        return bw_pass_run(llvm::wrap(&m), Stage, &cfg, emit_remark, nullptr)
                   ? llvm::PreservedAnalyses::none()
                   : llvm::PreservedAnalyses::all();
    }
    static bool isRequired() { return true; } // harden -O0 and optnone code too
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default")))
::llvm::PassPluginLibraryInfo llvmGetPassPluginInfo()
{
    return {LLVM_PLUGIN_API_VERSION, "bulwark", BW_VERSION, [](llvm::PassBuilder &pb) {
                pb.registerPipelineStartEPCallback(
                    [](llvm::ModulePassManager &mpm, llvm::OptimizationLevel) {
                        mpm.addPass(BulwarkPass<BW_STAGE_EARLY>());
                    });
                pb.registerOptimizerLastEPCallback(
                    [](llvm::ModulePassManager &mpm, llvm::OptimizationLevel) {
                        mpm.addPass(BulwarkPass<BW_STAGE_LATE>());
                        // expands the CFI fast paths the late stage adds
                        mpm.addPass(llvm::AlwaysInlinerPass(false));
                    });
                pb.registerPipelineParsingCallback(
                    [](llvm::StringRef name, llvm::ModulePassManager &mpm,
                       llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
                        if (name == "bulwark-early") {
                            mpm.addPass(BulwarkPass<BW_STAGE_EARLY>());
                            return true;
                        }
                        if (name == "bulwark-late") {
                            mpm.addPass(BulwarkPass<BW_STAGE_LATE>());
                            mpm.addPass(llvm::AlwaysInlinerPass(false));
                            return true;
                        }
                        return false;
                    });
            }};
}
